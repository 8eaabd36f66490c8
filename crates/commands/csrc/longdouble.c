/*
 * Float helpers that must use the C library, because Redis does and its replies depend on it.
 *
 * Rust has no `long double` (80-bit extended precision on x86-64, 128-bit on aarch64), and
 * INCRBYFLOAT computes in it: parsing with strtold, adding, formatting with "%.17Lf". Doing the
 * same in f64 gives different digits (e.g. 0.1 + 0.2), so the arithmetic lives here and the
 * Rust side (families/string/longdouble.rs) only passes bytes in and out. Float arguments are
 * parsed with strtod here too, so that hex floats, "1e500" and friends are judged exactly as
 * Redis judges them.
 *
 * Written for ringkv from the documented behaviour of Redis's string2ld, string2d and
 * ld2string; no code was copied.
 */

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Redis's MAX_LONG_DOUBLE_CHARS: the longest text a long double is parsed from or printed to. */
#define LD_TEXT_MAX (5 * 1024)

/* Result codes of ringkv_incrbyfloat (negative; a non-negative result is a length). */
#define RINGKV_BAD_CURRENT (-1)
#define RINGKV_BAD_INCREMENT (-2)
#define RINGKV_NAN_OR_INF (-3)
#define RINGKV_NO_ROOM (-4)

/*
 * Parses `len` bytes as a long double the way Redis's string2ld accepts them: every byte
 * consumed (so an embedded NUL fails), no leading space, no overflow or underflow to zero,
 * no NaN. Returns 1 and stores the value, else 0.
 */
static int parse_long_double(const char *text, size_t len, long double *out) {
    char buf[LD_TEXT_MAX];
    char *end;
    long double value;

    if (len == 0 || len >= sizeof(buf)) return 0;
    memcpy(buf, text, len);
    buf[len] = '\0';
    errno = 0;
    value = strtold(buf, &end);
    if (isspace((unsigned char)buf[0]) || *end != '\0' || (size_t)(end - buf) != len) return 0;
    if (errno == ERANGE &&
        (value == HUGE_VALL || value == -HUGE_VALL || fpclassify(value) == FP_ZERO))
        return 0;
    if (errno == EINVAL || isnan(value)) return 0;
    *out = value;
    return 1;
}

/*
 * Prints a finite value as "%.17Lf" without trailing zeros (nor a trailing dot), and "-0"
 * as "0": Redis's human-friendly long double form. Returns the length, or RINGKV_NO_ROOM.
 */
static int format_human(long double value, char *out, size_t cap) {
    int len = snprintf(out, cap, "%.17Lf", value);

    if (len < 0 || (size_t)len + 1 > cap) return RINGKV_NO_ROOM;
    if (memchr(out, '.', (size_t)len) != NULL) {
        while (out[len - 1] == '0') len--;
        if (out[len - 1] == '.') len--;
    }
    if (len == 2 && out[0] == '-' && out[1] == '0') {
        out[0] = '0';
        len = 1;
    }
    out[len] = '\0';
    return len;
}

/*
 * INCRBYFLOAT's arithmetic: `current` (the stored string, or "0" for a missing key) plus
 * `incr`, written to `out`. Returns the length written, or a negative RINGKV_* code.
 */
int ringkv_incrbyfloat(const char *current, size_t current_len, const char *incr,
                       size_t incr_len, char *out, size_t out_cap) {
    long double value, by;

    if (!parse_long_double(current, current_len, &value)) return RINGKV_BAD_CURRENT;
    if (!parse_long_double(incr, incr_len, &by)) return RINGKV_BAD_INCREMENT;
    value += by;
    if (isnan(value) || isinf(value)) return RINGKV_NAN_OR_INF;
    return format_human(value, out, out_cap);
}

/*
 * Parses a NUL-terminated text of `len` bytes as a double the way Redis's string2d does:
 * strtod must consume exactly `len` bytes (so an embedded NUL fails), no leading space, no
 * overflow or underflow to zero, no NaN. Returns 1 and stores the value, else 0.
 */
int ringkv_string2d(const char *text, size_t len, double *out) {
    char *end;
    double value;

    if (len == 0 || isspace((unsigned char)text[0])) return 0;
    errno = 0;
    value = strtod(text, &end);
    if ((size_t)(end - text) != len) return 0;
    if (errno == ERANGE &&
        (value == HUGE_VAL || value == -HUGE_VAL || fpclassify(value) == FP_ZERO))
        return 0;
    if (isnan(value)) return 0;
    *out = value;
    return 1;
}

/*
 * Parses a NUL-terminated text the way SORT judges a sort key: the C library's strtod with
 * leading space allowed, the text up to its first NUL consumed (an empty text is 0), no
 * overflow or underflow (any ERANGE), no NaN. Returns 1 and stores the value, else 0.
 */
int ringkv_sort_strtod(const char *text, double *out) {
    char *end;
    double value;

    errno = 0;
    value = strtod(text, &end);
    if (*end != '\0' || errno == ERANGE || isnan(value)) return 0;
    *out = value;
    return 1;
}

/* Result codes of ringkv_timeout_ms. */
#define RINGKV_TIMEOUT_NOT_FLOAT 0
#define RINGKV_TIMEOUT_OK 1
#define RINGKV_TIMEOUT_OVERFLOW 2

/*
 * A blocking command's timeout in seconds, turned into whole milliseconds the way Redis 7.0
 * does it: parsed as a long double (string2ld's rules), multiplied by 1000 in long double
 * precision and rounded up. The precision matters at the edges: "-0.001" rounds up to zero
 * (wait for ever) rather than to -1. A result outside long long is reported rather than cast
 * (which C leaves undefined). Returns a RINGKV_TIMEOUT_* code; stores the value on OK.
 */
int ringkv_timeout_ms(const char *text, size_t len, long long *out) {
    long double value;

    if (!parse_long_double(text, len, &value)) return RINGKV_TIMEOUT_NOT_FLOAT;
    value = ceill(value * 1000.0L);
    if (!(value >= -9223372036854775808.0L && value < 9223372036854775808.0L))
        return RINGKV_TIMEOUT_OVERFLOW;
    *out = (long long)value;
    return RINGKV_TIMEOUT_OK;
}
