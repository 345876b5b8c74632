#!/usr/bin/env python3
"""Writes the Telegram, feed and WARC fixtures of tests/feeds_cli.rs (README-feeds.md).

Run from this folder: python3 make_feeds_fixtures.py. The output is deterministic (gzip
members carry no file name and a zero time), so running it again changes nothing.
"""
import gzip
import io
import json

def write(path, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)

def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as f:
        f.write(data)
    return out.getvalue()

# --- Telegram ---------------------------------------------------------------------------
channel = {
    "name": "قناة الرصد",
    "type": "public_channel",
    "id": 1500000001,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-03-22T18:00:00", "date_unixtime": "1711119600",
         "actor": "قناة الرصد", "actor_id": "channel1500000001", "action": "create_channel",
         "title": "قناة الرصد", "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2024-03-22T19:04:11", "date_unixtime": "1711123451",
         "from": "قناة الرصد", "from_id": "channel1500000001",
         "text": "إطلاق نار في قاعة كروكوس للحفلات قرب موسكو",
         "text_entities": [{"type": "plain", "text": "إطلاق نار في قاعة كروكوس للحفلات قرب موسكو"}]},
        {"id": 3, "type": "message", "date": "2024-03-22T19:40:00", "date_unixtime": "1711125600",
         "from": "قناة الرصد", "from_id": "channel1500000001",
         "forwarded_from": "وكالة تاس",
         "text": ["عاجل: ", {"type": "bold", "text": "ارتفاع حصيلة الضحايا"}, " في الهجوم ",
                  {"type": "hashtag", "text": "#كروكوس"}, " ",
                  {"type": "text_link", "text": "المصدر", "href": "https://tass.example/1"}],
         "text_entities": [{"type": "plain", "text": "عاجل: "},
                           {"type": "bold", "text": "ارتفاع حصيلة الضحايا"},
                           {"type": "plain", "text": " في الهجوم "},
                           {"type": "hashtag", "text": "#كروكوس"},
                           {"type": "plain", "text": " "},
                           {"type": "text_link", "text": "المصدر", "href": "https://tass.example/1"}]},
        {"id": 4, "type": "message", "date": "2024-03-22T19:45:00", "date_unixtime": "1711125900",
         "from": "قناة الرصد", "from_id": "channel1500000001",
         "photo": "photos/photo_1@22-03-2024_19-45-00.jpg", "width": 1280, "height": 720,
         "text": "", "text_entities": []},
        {"id": 5, "type": "message", "date": "2024-03-23T08:00:00", "date_unixtime": "1711173600",
         "from": "قناة الرصد", "from_id": "channel1500000001",
         "text": [{"type": "mention", "text": "@kremlin_watch"}, " ينقل نفي الكرملين"],
         "text_entities": [{"type": "mention", "text": "@kremlin_watch"},
                           {"type": "plain", "text": " ينقل نفي الكرملين"}]},
    ],
}
write("telegram/result.json", json.dumps(channel, ensure_ascii=False, indent=1))

full = {
    "about": "Here is the data you requested from Telegram.",
    "chats": {"about": "This page lists all chats from this export.", "list": [
        channel,
        {"name": "Desk chat", "type": "private_group", "id": 4242,
         "messages": [
             {"id": 2, "type": "message", "date": "2024-03-23T09:00:00", "from": "Sam",
              "from_id": "user77", "text": "Confirmed by two sources: the gunmen fled toward Bryansk."},
             {"id": 3, "type": "message", "date": "2024-03-23T09:01:00", "from": "Sam",
              "from_id": "user77", "media_type": "sticker", "sticker_emoji": "👍", "text": ""},
         ]},
    ]},
    "left_chats": {"about": "", "list": [
        {"name": "Old channel", "type": "public_channel", "id": 99,
         "messages": [{"id": 10, "type": "message", "date": "2023-01-01T00:00:00",
                       "from": "Old channel", "text": "Archived notice about Bryansk roads"}]},
    ]},
}
write("telegram/full-export.json", json.dumps(full, ensure_ascii=False, indent=1))
write("telegram/broken-messages.json",
      json.dumps({"name": "قناة", "type": "public_channel", "id": 1, "messages": {"id": 1}},
                 ensure_ascii=False))

# --- Feeds ------------------------------------------------------------------------------
write("feed/east.rss", """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>أخبار المشرق</title>
    <link>https://east.example/</link>
    <language>ar</language>
    <atom:link href="https://east.example/rss" rel="self" type="application/rss+xml"/>
    <item>
      <title>اعتقال أربعة مشتبه بهم في هجوم كروكوس</title>
      <link>https://east.example/news/1</link>
      <guid isPermaLink="false">east-2024-0001</guid>
      <pubDate>Sat, 23 Mar 2024 10:15:00 +0300</pubDate>
      <dc:creator>مراسل المشرق</dc:creator>
      <description>&lt;p&gt;ملخص قصير&lt;/p&gt;</description>
      <content:encoded><![CDATA[<p>أعلنت السلطات الروسية <b>اعتقال</b> أربعة مشتبه بهم قرب بريانسك.</p><script>track()</script><p>وقال&nbsp;المتحدث إن التحقيق مستمر.</p>]]></content:encoded>
    </item>
    <item>
      <title>Kremlin rejects Ukrainian link claims</title>
      <link>https://east.example/en/2</link>
      <description>The Kremlin spokesman &lt;em&gt;repeated&lt;/em&gt; the claim on Monday.</description>
      <pubDate>Mon, 25 Mar 2024 08:00:00 GMT</pubDate>
      <author>desk@east.example (English Desk)</author>
    </item>
  </channel>
</rss>
""")
write("feed/wire.atom", """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Wire Watch</title>
  <id>urn:example:wire</id>
  <updated>2024-03-26T00:00:00Z</updated>
  <entry>
    <title type="html">Death toll revised &amp;amp; names released</title>
    <id>tag:wire.example,2024:toll</id>
    <link rel="alternate" type="text/html" href="https://wire.example/toll"/>
    <link rel="related" href="https://wire.example/other"/>
    <published>2024-03-24T12:00:00+03:00</published>
    <updated>2024-03-26T00:00:00Z</updated>
    <author><name>Jane Doe</name></author>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Officials revised the death toll to 144.</p><p>Names of the victims were released.</p></div></content>
  </entry>
  <entry xml:lang="ar">
    <title>بيان مقتضب من لجنة التحقيق</title>
    <id>tag:wire.example,2024:ar-1</id>
    <link href="https://wire.example/ar/1"/>
    <updated>2024-03-25T07:30:00Z</updated>
    <summary type="text">قالت لجنة التحقيق إن المشتبه بهم نقلوا إلى موسكو.</summary>
  </entry>
</feed>
""")
write("feed/malformed.rss", """<?xml version="1.0"?>
<rss version="2.0">
  <channel>
    <title>Broken</title>
    <item><title>One</title></channel>
</rss>
""")
entities = ['<!ENTITY lol "lol">']
for level in range(1, 10):
    prev = "lol" if level == 1 else f"lol{level - 1}"
    entities.append(f'<!ENTITY lol{level} "{("&" + prev + ";") * 10}">')
write("feed/laughs.rss", '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) +
      '\n]>\n<rss version="2.0"><channel><title>Laughs</title><item><title>Entity test</title>'
      '<description>before &lol9; after</description></item></channel></rss>\n')
write("feed/logo.xml", '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')

# --- WARC -------------------------------------------------------------------------------
def record(kind, uri, uuid, block, content_type="application/http; msgtype=response"):
    head = (f"WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-03-23T08:15:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid}>\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"

def response(status, headers, body):
    return f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body

arabic_page = ("<html lang=\"ar\"><head><title>نفي الكرملين</title></head><body><nav>القائمة</nav>"
               "<h1>نفي الكرملين</h1><p>نفى الكرملين أي صلة لأوكرانيا بهجوم كروكوس.</p></body></html>")
english_page = (b"<!doctype html><html lang=en><head><title>Crocus attack: what we know</title>"
                b"<meta property='og:site_name' content='Wire Example'>"
                b"<meta property='article:published_time' content='2024-03-22T22:00:00Z'></head>"
                b"<body><p>Gunmen opened fire at the Crocus City Hall concert venue.</p></body></html>")
chunked = (b"%x\r\n" % 40) + english_page[:40] + (b"\r\n%x\r\n" % (len(english_page) - 40)) + \
    english_page[40:] + b"\r\n0\r\n\r\n"
records = [
    b"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-23T08:00:00Z\r\n"
    b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\n"
    b"Content-Type: application/warc-fields\r\nContent-Length: 20\r\n\r\nsoftware: fixture\r\n\r\n\r\n",
    record("request", "https://arabic.example.org/kremlin", "10000000-0000-4000-8000-000000000001",
           b"GET /kremlin HTTP/1.1\r\nHost: arabic.example.org\r\n\r\n",
           "application/http; msgtype=request"),
    record("response", "https://arabic.example.org/kremlin", "10000000-0000-4000-8000-000000000002",
           response("200 OK", "Content-Type: text/html; charset=windows-1256\r\nContent-Encoding: gzip\r\n",
                    gz(arabic_page.encode("cp1256")))),
    record("response", "https://wire.example.com/crocus", "10000000-0000-4000-8000-000000000003",
           response("200 OK", "Content-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n",
                    chunked)),
    record("response", "https://wire.example.com/missing", "10000000-0000-4000-8000-000000000004",
           response("404 Not Found", "Content-Type: text/html\r\n", b"<p>Not found</p>")),
    record("response", "https://wire.example.com/logo.png", "10000000-0000-4000-8000-000000000005",
           response("200 OK", "Content-Type: image/png\r\n", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")),
]
plain = b"".join(records)
write("warc/crawl.warc", plain)
write("warc/crawl.warc.gz", b"".join(gz(r) for r in records))
write("warc/truncated.warc", plain[: len(plain) - 120])
# A page whose gzip content decompresses to 80 MB of spaces (more than the 64 MB a page may
# be), in an archive gzipped again: a few kilobytes on disk.
inner = io.BytesIO()
with gzip.GzipFile(fileobj=inner, mode="wb", mtime=0, filename="", compresslevel=9) as f:
    block = b" " * (1 << 20)
    for _ in range(80):
        f.write(block)
bomb = record("response", "https://bomb.example/", "10000000-0000-4000-8000-0000000000bb",
              response("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", inner.getvalue()))
write("warc/bomb.warc.gz", gz(bomb))
