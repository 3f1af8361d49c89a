/* cmd_parse.c - annals parse: the JSON debug view of a feed */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/sendfile.h>
#endif
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "buf.h"
#include "config.h"
#include "date.h"
#include "err.h"
#include "feed.h"
#include "page.h"
#include "sync.h"
#include "sync_page.h"
#include "text.h"

/*
 * JSON for a large feed is mostly strings the parser left clean: plain
 * ASCII and valid UTF-8 that need no escape. Those are copied as they
 * are, eight bytes at a time; anything else goes to text_json().
 */
#define JSON_ONES 0x0101010101010101ULL
#define JSON_HIGHS 0x8080808080808080ULL

/* Append a string literal without measuring it. */
#define JSON_LIT(b, lit) buf_add((b), (lit), sizeof(lit) - 1)

static int json_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, len;
	unsigned cp;

	if (!s)
		return text_json(b, s);
	n = strlen(s);
	while (i < n) {
#if defined(__SSE2__) && defined(__GNUC__)
		if (i + 16 <= n) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
			/* signed: controls and non-ASCII are below 0x20 */
			__m128i ctl = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
			__m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F));
			__m128i quo = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
			__m128i bsl = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
			unsigned m = (unsigned)_mm_movemask_epi8(
				_mm_or_si128(_mm_or_si128(ctl, del),
					     _mm_or_si128(quo, bsl)));

			if (!m) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(m);
		}
#endif
		if (i + 8 <= n) {
			uint64_t w, q, k;

			/* no control, DEL, non-ASCII, '"' or '\\' in 8 bytes */
			memcpy(&w, p + i, 8);
			q = w ^ (JSON_ONES * '"');
			k = w ^ (JSON_ONES * '\\');
			if (!((((w - JSON_ONES * 0x20) & ~w) |
			       ((w + JSON_ONES) | w) | ((q - JSON_ONES) & ~q) |
			       ((k - JSON_ONES) & ~k)) &
			      JSON_HIGHS)) {
				i += 8;
				continue;
			}
		}
		if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != '"' &&
		    p[i] != '\\') {
			i++;
			continue;
		}
		if (p[i] < 0x80)
			return text_json(b, s);
		len = text_utf8_decode(p + i, n - i < 4 ? n - i : 4, &cp);
		if (!len)
			return text_json(b, s);
		i += len;
	}
	if (buf_addc(b, '"') < 0 || buf_add(b, s, n) < 0)
		return -1;
	return buf_addc(b, '"');
}

static int json_str_array(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	if (buf_addc(b, '[') < 0)
		return -1;
	for (i = 0; i < n; i++)
		if ((i && buf_adds(b, ", ") < 0) || json_str(b, v[i]) < 0)
			return -1;
	return buf_addc(b, ']');
}

static void put2(char *o, long long v)
{
	o[0] = (char)('0' + v / 10);
	o[1] = (char)('0' + v % 10);
}

static int json_stamp(struct buf *b, const struct stamp *s)
{
	char out[24];

	if (!s->set)
		return buf_adds(b, "null");
	if (s->utc >= 0 && s->utc < 253402300800LL) {
		/* years 1970-9999: date_format_utc() without printf */
		long long days = s->utc / 86400, secs = s->utc % 86400;
		long long z = days + 719468, era = z / 146097;
		long long doe = z - era * 146097;
		long long yoe =
			(doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		long long mp = (5 * doy + 2) / 153;
		long long d = doy - (153 * mp + 2) / 5 + 1;
		long long m = mp < 10 ? mp + 3 : mp - 9;
		long long y = yoe + era * 400 + (m <= 2);

		memcpy(out, "\"0000-00-00T00:00:00Z\"", 22);
		put2(out + 1, y / 100);
		put2(out + 3, y % 100);
		put2(out + 6, m);
		put2(out + 9, d);
		put2(out + 12, secs / 3600);
		put2(out + 15, secs / 60 % 60);
		put2(out + 18, secs % 60);
		return buf_add(b, out, 22);
	}
	date_format_utc(s->utc, out);
	return text_json(b, out);
}

static int json_meta(struct buf *b, enum feed_format fmt,
		     const struct feed_meta *m)
{
	int rc = 0;

	rc |= buf_adds(b, "{\"format\": ");
	rc |= text_json(b, feed_format_name(fmt));
	rc |= buf_adds(b, ", \"feed\": {\"title\": ");
	rc |= text_json(b, m->title);
	rc |= buf_adds(b, ", \"link\": ");
	rc |= text_json(b, m->link);
	rc |= buf_adds(b, ", \"subtitle\": ");
	rc |= text_json(b, m->subtitle);
	rc |= buf_adds(b, ", \"updated\": ");
	rc |= json_stamp(b, &m->updated);
	rc |= buf_adds(b, "},\n \"items\": [");
	return rc ? -1 : 0;
}

static int json_item(struct buf *b, const struct item *it, int first)
{
	int rc = 0;

	rc |= buf_adds(b, first ? "\n  {\"id\": " : ",\n  {\"id\": ");
	rc |= json_str(b, it->id);
	rc |= JSON_LIT(b, ", \"title\": ");
	rc |= json_str(b, it->title);
	rc |= JSON_LIT(b, ", \"link\": ");
	rc |= json_str(b, it->link);
	rc |= JSON_LIT(b, ", \"published\": ");
	rc |= json_stamp(b, &it->published);
	rc |= JSON_LIT(b, ", \"updated\": ");
	rc |= json_stamp(b, &it->updated);
	rc |= JSON_LIT(b, ", \"summary\": ");
	rc |= json_str(b, it->summary);
	rc |= JSON_LIT(b, ", \"content\": ");
	rc |= json_str(b, it->content);
	rc |= JSON_LIT(b, ", \"author\": ");
	rc |= json_str(b, it->author);
	rc |= JSON_LIT(b, ", \"categories\": ");
	rc |= json_str_array(b, it->categories, it->ncategories);
	rc |= buf_addc(b, '}');
	return rc ? -1 : 0;
}

int cmd_print_items(const char *format, const char *url,
		    const struct item_list *items)
{
	struct feed_meta m;
	struct buf b;
	size_t i;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	m.link = (char *)url;
	buf_init(&b, 0);
	rc |= buf_adds(&b, "{\"format\": ");
	rc |= text_json(&b, format);
	rc |= buf_adds(&b, ", \"feed\": {\"title\": null, \"link\": ");
	rc |= text_json(&b, url);
	rc |= buf_adds(&b, ", \"subtitle\": null, \"updated\": null},\n"
			   " \"items\": [");
	for (i = 0; i < items->n; i++)
		rc |= json_item(&b, &items->v[i], i == 0);
	rc |= buf_adds(&b, items->n ? "\n ]}\n" : "]}\n");
	if (rc == 0 && fwrite(b.data, 1, b.len, stdout) != b.len)
		rc = -1;
	buf_release(&b);
	return rc || fflush(stdout) ? -1 : 0;
}

/* A saved page or sitemap of a source, read with its keys. */
static int parse_page(const struct config_source *cs, const char *url,
		      const char *path)
{
	struct sync_source src;
	struct feed f;
	struct buf b;
	struct err e;
	int index = 0, rc = EXIT_FAIL;

	memset(&src, 0, sizeof(src));
	src.name = cs->name;
	src.company = cs->company;
	src.kind = cs->kind;
	src.url = url;
	src.page = &cs->page;
	buf_init(&b, 64u * 1024 * 1024);
	if (buf_read_file(&b, path, &e) < 0) {
		cmd_warn("%s", e.msg);
		buf_release(&b);
		return EXIT_FAIL;
	}
	if (sync_page_parse(&src, b.data ? b.data : "", b.len, NULL, &f, &index,
			    &e) < 0) {
		cmd_warn("'%s': %s", path, e.msg);
		goto out;
	}
	if (cmd_print_items(strcmp(cs->kind, "page") ? "sitemap" : "html", url,
			    &f.items) < 0) {
		cmd_warn("cannot write the output: %s", strerror(errno));
		goto out;
	}
	if (index)
		cmd_warn("'%s': a sitemap index: the items are its sitemaps",
			 path);
	else if (f.warnings)
		cmd_warn(
			"'%s': %d entr%s left out (no usable link, or too many)",
			path, f.warnings, f.warnings == 1 ? "y" : "ies");
	rc = EXIT_OK;
out:
	feed_release(&f);
	buf_release(&b);
	return rc;
}

/*
 * Items are written as they are parsed, so that memory stays flat. The
 * feed's own metadata comes first in the output but may come last in the
 * document: unless it is complete by the first item (then items go
 * straight out), items gather in memory, past SPOOL_MEM in a temporary
 * file, and the header is written before them at the end.
 */
#define SPOOL_MEM (1024 * 1024)

/*
 * JSON is written by a second thread while the parser goes on: the items
 * go to it in batches, each at most SPOOL_BATCH items or SPOOL_BYTES of
 * text, with at most SPOOL_QUEUE batches waiting, so that memory stays
 * bounded whatever the items. Without a thread (none could be started)
 * the batches are written in turn.
 */
#define SPOOL_BATCH 64
#define SPOOL_BYTES (256 * 1024)
#define SPOOL_QUEUE 2

struct batch {
	struct item v[SPOOL_BATCH];
	size_t n;
	size_t used; /* places still holding items written before */
	size_t bytes;
	struct batch *next;
};

struct spool {
	/* the writer's, until it is joined */
	FILE *f; /* NULL until the items outgrow memory */
	struct buf mem;
	long items;
	int err_no; /* errno of a failed write */
	/* set by the parser's thread before the first batch goes out */
	const struct feed_parser *p;
	int direct; /* the header is out: items go straight to stdout */
	long taken;
	struct batch *cur;
	/* shared, under lock */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct batch *queue[SPOOL_QUEUE];
	struct batch *done; /* written, for the parser's thread to free */
	size_t head, count;
	int closed;
	int failed;
	int threaded;
	pthread_t thread;
};

/* Nothing later in the document can change the header: every field of
 * it is set (the first one wins) and the format is settled. */
static int header_final(const struct feed_parser *p)
{
	const struct feed_meta *m = feed_parser_meta(p);

	return m->title && m->link && m->subtitle && m->updated.set &&
	       feed_parser_format(p) != FEED_RSS10;
}

static int spool_flush(struct spool *sp)
{
	FILE *to = sp->direct ? stdout : sp->f;

	if (!to && !(to = sp->f = tmpfile()))
		return -1;
	if (fwrite(sp->mem.data, 1, sp->mem.len, to) != sp->mem.len)
		return -1;
	sp->mem.len = 0;
	return 0;
}

static int spool_failed(struct spool *sp)
{
	int failed;

	pthread_mutex_lock(&sp->lock);
	failed = sp->failed;
	pthread_mutex_unlock(&sp->lock);
	return failed;
}

/* The output cannot be written (err_no says why): stop. */
static void spool_fail(struct spool *sp, int err_no)
{
	pthread_mutex_lock(&sp->lock);
	if (!sp->failed)
		sp->err_no = err_no;
	sp->failed = 1;
	pthread_mutex_unlock(&sp->lock);
}

/* The writer's part: a batch as JSON, then freed. */
static void write_batch(struct spool *sp, struct batch *b)
{
	int failed = spool_failed(sp);
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (!failed &&
		    (json_item(&sp->mem, &b->v[i], sp->items == 0) < 0 ||
		     (sp->mem.len >= SPOOL_MEM && spool_flush(sp) < 0))) {
			failed = 1;
			spool_fail(sp, errno);
		}
		sp->items++;
	}
	/* freed where it was allocated: malloc keeps its caches warm */
	pthread_mutex_lock(&sp->lock);
	b->next = sp->done;
	sp->done = b;
	pthread_mutex_unlock(&sp->lock);
}

/* A batch the writer is done with, to fill again: its items are freed
 * one by one as their places are taken (so that malloc reuses what was
 * just freed); NULL if there is none. */
static struct batch *spool_reuse(struct spool *sp)
{
	struct batch *b;

	pthread_mutex_lock(&sp->lock);
	b = sp->done;
	if (b)
		sp->done = b->next;
	pthread_mutex_unlock(&sp->lock);
	if (b) {
		if (b->n > b->used)
			b->used = b->n;
		b->n = 0;
		b->bytes = 0;
	}
	return b;
}

/* Free every batch the writer is done with (it has been joined). */
static void spool_reap(struct spool *sp)
{
	struct batch *b;
	size_t i;

	if (sp->cur)
		sp->cur->used =
			sp->cur->n > sp->cur->used ? sp->cur->n : sp->cur->used;
	while ((b = sp->done) != NULL || (b = sp->cur) != NULL) {
		if (b == sp->done)
			sp->done = b->next;
		else
			sp->cur = NULL;
		for (i = 0; i < b->n || i < b->used; i++)
			item_release(&b->v[i]);
		free(b);
	}
}

static void *writer(void *arg)
{
	struct spool *sp = arg;
	struct batch *b;

	for (;;) {
		pthread_mutex_lock(&sp->lock);
		while (!sp->count && !sp->closed)
			pthread_cond_wait(&sp->cond, &sp->lock);
		if (!sp->count) {
			pthread_mutex_unlock(&sp->lock);
			return NULL;
		}
		b = sp->queue[sp->head];
		sp->head = (sp->head + 1) % SPOOL_QUEUE;
		sp->count--;
		pthread_cond_broadcast(&sp->cond);
		pthread_mutex_unlock(&sp->lock);
		write_batch(sp, b);
	}
}

static void spool_init(struct spool *sp, const struct feed_parser *p)
{
	memset(sp, 0, sizeof(*sp));
	sp->p = p;
	buf_init(&sp->mem, 0);
	pthread_mutex_init(&sp->lock, NULL);
	pthread_cond_init(&sp->cond, NULL);
}

/* The batch being filled goes to the writer (or is written). */
static void spool_send(struct spool *sp)
{
	struct batch *b = sp->cur;

	sp->cur = NULL;
	if (!b)
		return;
	if (!sp->threaded && sp->taken > SPOOL_BATCH)
		sp->threaded =
			pthread_create(&sp->thread, NULL, writer, sp) == 0;
	if (!sp->threaded) {
		write_batch(sp, b);
		return;
	}
	pthread_mutex_lock(&sp->lock);
	while (sp->count == SPOOL_QUEUE)
		pthread_cond_wait(&sp->cond, &sp->lock);
	sp->queue[(sp->head + sp->count) % SPOOL_QUEUE] = b;
	sp->count++;
	pthread_cond_broadcast(&sp->cond);
	pthread_mutex_unlock(&sp->lock);
}

/* All items are in: the last batch out, the writer joined. Returns 0, or
 * -1 with errno set when the output could not be written. */
static int spool_close(struct spool *sp)
{
	spool_send(sp);
	if (sp->threaded) {
		pthread_mutex_lock(&sp->lock);
		sp->closed = 1;
		pthread_cond_broadcast(&sp->cond);
		pthread_mutex_unlock(&sp->lock);
		pthread_join(sp->thread, NULL);
		sp->threaded = 0;
	}
	if (spool_failed(sp)) {
		errno = sp->err_no;
		return -1;
	}
	return 0;
}

static void spool_release(struct spool *sp)
{
	spool_close(sp);
	spool_reap(sp);
	if (sp->f)
		fclose(sp->f);
	buf_release(&sp->mem);
	pthread_mutex_destroy(&sp->lock);
	pthread_cond_destroy(&sp->cond);
}

static size_t len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

static int spool_item(struct item *it, void *ctx)
{
	struct spool *sp = ctx;
	struct batch *b;

	if (sp->taken == 0 && header_final(sp->p)) {
		/* most feeds say all they say of themselves first; the
		 * writer has not started */
		if (json_meta(&sp->mem, feed_parser_format(sp->p),
			      feed_parser_meta(sp->p)) < 0) {
			spool_fail(sp, ENOMEM);
			return -1;
		}
		sp->direct = 1;
	}
	if ((sp->taken & 15) == 0 && spool_failed(sp))
		return -1;
	if (!sp->cur && !(sp->cur = spool_reuse(sp)) &&
	    !(sp->cur = calloc(1, sizeof(*sp->cur)))) {
		spool_fail(sp, ENOMEM);
		return -1;
	}
	b = sp->cur;
	if (b->n < b->used)
		item_release(&b->v[b->n]);
	b->v[b->n++] = *it;
	memset(it, 0, sizeof(*it));
	b->bytes += len_of(b->v[b->n - 1].summary) +
		    len_of(b->v[b->n - 1].content) +
		    len_of(b->v[b->n - 1].title);
	sp->taken++;
	if (b->n == SPOOL_BATCH || b->bytes >= SPOOL_BYTES)
		spool_send(sp);
	return 0;
}

/* The spool file to stdout (flushed), in the kernel where it can. */
static int copy_spool(FILE *f)
{
	static char chunk[65536];
	size_t n;

	if (fflush(f) != 0 || fflush(stdout) != 0)
		return -1;
#ifdef __linux__
	{
		off_t off = 0, size = ftello(f);
		ssize_t w = 0;

		while (size > 0 && off < size &&
		       (w = sendfile(fileno(stdout), fileno(f), &off,
				     (size_t)(size - off))) > 0)
			;
		if (off == size)
			return 0;
		if (w < 0 && errno != EINVAL && errno != ENOSYS)
			return -1;
		/* not a file sendfile can write to: read and write */
		if (fseeko(f, off, SEEK_SET) != 0)
			return -1;
	}
#else
	if (fseek(f, 0, SEEK_SET) != 0)
		return -1;
#endif
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (fwrite(chunk, 1, n, stdout) != n)
			return -1;
	return ferror(f) ? -1 : 0;
}

/* Header, spooled items, footer to stdout. */
static int write_output(struct feed_parser *p, struct spool *sp)
{
	struct buf b;
	int rc = -1;

	buf_init(&b, 0);
	if (!sp->direct &&
	    (json_meta(&b, feed_parser_format(p), feed_parser_meta(p)) < 0 ||
	     fwrite(b.data, 1, b.len, stdout) != b.len))
		goto out;
	if (sp->f && copy_spool(sp->f) < 0)
		goto out;
	if (sp->mem.len &&
	    fwrite(sp->mem.data, 1, sp->mem.len, stdout) != sp->mem.len)
		goto out;
	fputs(sp->items ? "\n ]}\n" : "]}\n", stdout);
	rc = fflush(stdout) == 0 ? 0 : -1;
out:
	buf_release(&b);
	return rc;
}

/* Feed the file to the parser in pieces. */
static int parse_stream(const char *path, struct feed_parser *p, struct err *e)
{
	char chunk[65536];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!in)
		return err_set(e, "'%s': %s", path, strerror(errno));
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (feed_parser_push(p, chunk, n, e) < 0)
			rc = err_wrap(e, "'%s'", path);
	if (rc == 0 && ferror(in))
		rc = err_set(e, "'%s': %s", path, strerror(errno));
	if (rc == 0 && feed_parser_finish(p, e) < 0)
		rc = err_wrap(e, "'%s'", path);
	if (in != stdin)
		fclose(in);
	return rc;
}

int cmd_parse(struct app *app, const struct cmd *self, int argc, char **argv)
{
	static const struct option opts[] = {
		{"source", required_argument, NULL, 's'},
		{"url", required_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *source = NULL, *url = NULL, *path;
	struct spool sp;
	struct feed_parser *p = NULL;
	struct err e;
	int ch, rc = EXIT_FAIL;

	while ((ch = cmd_getopt(self, argc, argv, ":s:u:h", opts, &rc)) > 0) {
		if (ch == 's')
			source = optarg;
		else
			url = optarg;
	}
	if (ch == 0)
		return rc;
	if (optind != argc - 1)
		return cmd_usage_error(self, optind >= argc
						     ? "no file given"
						     : "one file at a time");
	path = argv[optind];
	if (source) {
		const struct config_source *cs;

		if (app_prepare(app, APP_CONFIG) != EXIT_OK)
			return EXIT_USAGE;
		cs = config_find(&app->cfg, source);
		if (!cs) {
			cmd_warn("no source named '%s'", source);
			return EXIT_USAGE;
		}
		if (!url)
			url = cs->url;
		if (page_kind(cs->kind))
			return parse_page(cs, url, path);
	}
	spool_init(&sp, NULL);
	p = feed_parser_new(url, NULL, spool_item, &sp);
	sp.p = p;
	if (!p) {
		cmd_warn("cannot start: out of memory");
		goto out;
	}
	if (parse_stream(path, p, &e) < 0) {
		if (spool_close(&sp) < 0)
			cmd_warn("'%s': cannot write the output: %s", path,
				 strerror(errno));
		else
			cmd_warn("%s", e.msg);
		goto out;
	}
	if (spool_close(&sp) < 0 || write_output(p, &sp) < 0) {
		cmd_warn("cannot write the output: %s", strerror(errno));
		goto out;
	}
	rc = EXIT_OK;
	if (feed_parser_warnings(p))
		cmd_warn("'%s': recovered from %d problem%s in the document",
			 path, feed_parser_warnings(p),
			 feed_parser_warnings(p) == 1 ? "" : "s");
out:
	spool_release(&sp);
	feed_parser_free(p);
	return rc;
}
