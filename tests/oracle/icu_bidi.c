/* The independent oracle for tests/bidi_oracle.rs: ICU's bidi and line breaking.
 *
 * Reads requests from stdin, one per line, and answers one line each:
 *   R <TAB> level <TAB> s-e,s-e,... <TAB> text
 *       setPara(text, level) then, per UTF-16 range s-e, setLine + writeReordered with
 *       DO_MIRRORING | KEEP_BASE_COMBINING | REMOVE_BIDI_CONTROLS; answers the visual lines
 *       (UTF-8) separated by TABs. level: 0 LTR, 1 RTL, 254 default LTR, 255 default RTL.
 *   B <TAB> text
 *       the UBRK_LINE boundaries, as UTF-16 offsets separated by spaces.
 * Errors are answered as "ERR name".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#define CAP (1 << 20)

static char input[CAP];
static UChar text16[CAP];
static UChar visual16[CAP];
static char visual8[4 * CAP];

static void fail(UErrorCode status) { printf("ERR %s\n", u_errorName(status)); }

int main(void) {
    while (fgets(input, sizeof input, stdin)) {
        size_t n = strlen(input);
        if (n && input[n - 1] == '\n') input[--n] = 0;
        UErrorCode status = U_ZERO_ERROR;
        int32_t len16 = 0;
        if (input[0] == 'B') {
            u_strFromUTF8(text16, CAP, &len16, input + 2, -1, &status);
            UBreakIterator *it = ubrk_open(UBRK_LINE, "en", text16, len16, &status);
            if (U_FAILURE(status)) { fail(status); continue; }
            for (int32_t p = ubrk_first(it); p != UBRK_DONE; p = ubrk_next(it)) printf("%d ", p);
            printf("\n");
            ubrk_close(it);
        } else if (input[0] == 'R') {
            char *level_s = input + 2;
            char *ranges = strchr(level_s, '\t');
            if (!ranges) { printf("ERR request\n"); continue; }
            *ranges++ = 0;
            char *body = strchr(ranges, '\t');
            if (!body) { printf("ERR request\n"); continue; }
            *body++ = 0;
            u_strFromUTF8(text16, CAP, &len16, body, -1, &status);
            UBiDi *para = ubidi_openSized(len16, 0, &status);
            ubidi_setPara(para, text16, len16, (UBiDiLevel)atoi(level_s), NULL, &status);
            if (U_FAILURE(status)) { fail(status); ubidi_close(para); continue; }
            char *cursor = ranges;
            int first = 1;
            while (*cursor) {
                int32_t start = (int32_t)strtol(cursor, &cursor, 10);
                cursor++; /* '-' */
                int32_t end = (int32_t)strtol(cursor, &cursor, 10);
                if (*cursor == ',') cursor++;
                UBiDi *line = ubidi_openSized(end - start, 0, &status);
                ubidi_setLine(para, start, end, line, &status);
                int32_t len = ubidi_writeReordered(line, visual16, CAP,
                    UBIDI_DO_MIRRORING | UBIDI_KEEP_BASE_COMBINING | UBIDI_REMOVE_BIDI_CONTROLS, &status);
                int32_t len8 = 0;
                u_strToUTF8(visual8, sizeof visual8, &len8, visual16, len, &status);
                if (!first) putchar('\t');
                first = 0;
                if (U_FAILURE(status)) printf("ERR %s", u_errorName(status));
                else fwrite(visual8, 1, (size_t)len8, stdout);
                ubidi_close(line);
                status = U_ZERO_ERROR;
            }
            printf("\n");
            ubidi_close(para);
        } else {
            printf("ERR request\n");
        }
        fflush(stdout);
    }
    return 0;
}
