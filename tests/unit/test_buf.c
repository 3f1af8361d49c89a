/* test_buf.c - the growable byte buffer */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

static void test_init_empty(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 10);
	buf_release(&b);
	buf_release(NULL); /* NULL-safe */
}

static void test_add(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "abc", 3), 0);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	/* bytes, not a string: an embedded NUL is kept */
	assert_int_equal(buf_add(&b, "d\0e", 3), 0);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "abcd\0e", 7);
	/* adding nothing succeeds and changes nothing */
	assert_int_equal(buf_add(&b, "zzz", 0), 0);
	assert_int_equal(b.len, 6);
	assert_int_equal(b.data[6], '\0');
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

static void test_add_nothing_terminates(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "", 0), 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_release(&b);
}

static void test_adds_addc(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "hello"), 0);
	assert_int_equal(buf_addc(&b, ','), 0);
	assert_int_equal(buf_addc(&b, ' '), 0);
	assert_int_equal(buf_adds(&b, NULL), 0); /* appends nothing */
	assert_int_equal(buf_adds(&b, ""), 0);
	assert_int_equal(buf_adds(&b, "world"), 0);
	assert_string_equal(b.data, "hello, world");
	assert_int_equal(b.len, strlen("hello, world"));
	buf_release(&b);
}

static void test_addf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_addf(&b, "%d-%s", 42, "x"), 0);
	assert_int_equal(buf_addf(&b, "|%05.1f|%c", 3.14159, 'z'), 0);
	assert_int_equal(buf_addf(&b, "%s", ""), 0);
	assert_string_equal(b.data, "42-x|003.1|z");
	assert_int_equal(b.len, strlen("42-x|003.1|z"));
	buf_release(&b);
}

static void test_addf_long(void **state)
{
	struct buf b;
	char big[5000];

	(void)state;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "<"), 0);
	assert_int_equal(buf_addf(&b, "%s>", big), 0);
	assert_int_equal(b.len, sizeof(big) + 1);
	assert_int_equal(b.data[0], '<');
	assert_int_equal(b.data[1], 'q');
	assert_int_equal(b.data[sizeof(big) - 1], 'q');
	assert_int_equal(b.data[sizeof(big)], '>');
	assert_int_equal(b.data[sizeof(big) + 1], '\0');
	buf_release(&b);
}

static void test_growth(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		assert_int_equal(buf_addc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap > b.len);
	for (i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[100000], '\0');
	buf_release(&b);
}

/* Each row appends its pieces to a buffer capped at max; a piece that
 * would pass the cap fails and leaves the content as it was. */
static void test_cap(void **state)
{
	static const struct {
		size_t max;
		const char *pieces[4];
		int rc[4];
		const char *want;
	} t[] = {
		{5, {"abc", "de", "f", NULL}, {0, 0, -1, 0}, "abcde"},
		{5, {"abcdef", "ab", NULL, NULL}, {-1, 0, 0, 0}, "ab"},
		{5, {"abcde", NULL, NULL, NULL}, {0, 0, 0, 0}, "abcde"},
		{5, {"abc", "def", "de", NULL}, {0, -1, 0, 0}, "abcde"},
		{1, {"x", "y", NULL, NULL}, {0, -1, 0, 0}, "x"},
		{3, {"", "abc", "", "d"}, {0, 0, 0, -1}, "abc"},
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf b;

		buf_init(&b, t[i].max);
		for (j = 0; j < 4 && t[i].pieces[j]; j++) {
			const char *p = t[i].pieces[j];

			assert_int_equal(buf_add(&b, p, strlen(p)), t[i].rc[j]);
		}
		assert_int_equal(b.len, strlen(t[i].want));
		assert_memory_equal(b.data, t[i].want, b.len + 1);
		buf_release(&b);
	}
}

static void test_cap_adds_addc_addf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_int_equal(buf_adds(&b, "ab"), 0);
	assert_int_equal(buf_adds(&b, "cde"), -1);
	assert_string_equal(b.data, "ab");
	assert_int_equal(buf_addf(&b, "%d", 123), -1);
	assert_string_equal(b.data, "ab");
	assert_int_equal(b.len, 2);
	assert_int_equal(buf_addf(&b, "%d", 12), 0);
	assert_string_equal(b.data, "ab12");
	assert_int_equal(buf_addc(&b, 'x'), -1);
	assert_string_equal(b.data, "ab12");
	assert_int_equal(b.len, 4);
	buf_release(&b);
}

static void test_detach(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 0);
	s = buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);

	assert_int_equal(buf_adds(&b, "kept"), 0);
	s = buf_detach(&b);
	assert_string_equal(s, "kept");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);

	/* the buffer is usable again after a detach */
	assert_int_equal(buf_adds(&b, "again"), 0);
	assert_string_equal(b.data, "again");
	buf_release(&b);
}

/* Write n bytes to a new temporary file; returns its malloc'd path. */
static char *temp_file(const void *p, size_t n)
{
	char tmpl[] = "/tmp/annals-test-buf-XXXXXX";
	int fd = mkstemp(tmpl);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	if (n)
		assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return strdup(tmpl);
}

static void test_read_file(void **state)
{
	static const char content[] = "line one\nline two\0with a NUL\n";
	struct err e = {{0}};
	struct buf b;
	char *path = temp_file(content, sizeof(content) - 1);

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, path, &e), 0);
	assert_int_equal(b.len, sizeof(content) - 1);
	assert_memory_equal(b.data, content, sizeof(content));
	buf_release(&b);
	unlink(path);
	free(path);
}

static void test_read_file_big(void **state)
{
	struct err e = {{0}};
	struct buf b;
	size_t n = 200000, i;
	char *data = malloc(n), *path;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)(i * 7 % 251);
	path = temp_file(data, n);
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, path, &e), 0);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.data, data, n);
	assert_int_equal(b.data[n], '\0');
	buf_release(&b);
	unlink(path);
	free(path);
	free(data);
}

static void test_read_file_empty(void **state)
{
	struct err e = {{0}};
	struct buf b;
	char *path = temp_file("", 0);

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, path, &e), 0);
	assert_int_equal(b.len, 0);
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_release(&b);
	unlink(path);
	free(path);
}

static void test_read_file_missing(void **state)
{
	const char *path = "/nonexistent-annals-dir/missing.xml";
	struct err e = {{0}};
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_read_file(&b, path, &e), -1);
	assert_non_null(strstr(e.msg, "'/nonexistent-annals-dir/missing.xml'"));
	assert_string_equal(e.msg, "'/nonexistent-annals-dir/missing.xml': "
				   "No such file or directory");
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void test_read_file_cap(void **state)
{
	struct err e = {{0}};
	struct buf b;
	char *path = temp_file("0123456789", 10), want[256];

	(void)state;
	/* exactly at the cap: fine */
	buf_init(&b, 10);
	assert_int_equal(buf_read_file(&b, path, &e), 0);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	buf_release(&b);

	/* one byte over: an error naming the file and the cap */
	buf_init(&b, 9);
	assert_int_equal(buf_read_file(&b, path, &e), -1);
	snprintf(want, sizeof(want), "'%s': larger than 9 bytes", path);
	assert_string_equal(e.msg, want);
	assert_true(b.len <= 9);
	buf_release(&b);
	unlink(path);
	free(path);
}

/* The cap counts what is already in the buffer. */
static void test_read_file_appends(void **state)
{
	struct err e = {{0}};
	struct buf b;
	char *path = temp_file("tail", 4);

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "head"), 0);
	assert_int_equal(buf_read_file(&b, path, &e), 0);
	assert_string_equal(b.data, "headtail");
	assert_int_equal(buf_read_file(&b, path, &e), -1);
	assert_string_equal(b.data, "headtail");
	buf_release(&b);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_add_nothing_terminates),
		cmocka_unit_test(test_adds_addc),
		cmocka_unit_test(test_addf),
		cmocka_unit_test(test_addf_long),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_cap_adds_addc_addf),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_file_big),
		cmocka_unit_test(test_read_file_empty),
		cmocka_unit_test(test_read_file_missing),
		cmocka_unit_test(test_read_file_cap),
		cmocka_unit_test(test_read_file_appends),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
