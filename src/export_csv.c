/* export_csv.c - the timeline as RFC 4180 CSV for spreadsheets */
#include "export_impl.h"

#include <string.h>
#include <stdlib.h>

#include "err.h"
#include "store.h"
#include "text.h"

static const char csv_header[] =
	"id,day,company,action,topics,title,summary,until,until_text,"
	"follows,policy,origin,starred,sources\r\n";

/* What joins the topics and the source URLs inside one cell. */
static const char csv_join[] = "; ";

/*
 * Append a comma and one cell of the n bytes at s, made plain by text_clean()
 * (the database may have been written by something other than annals), then
 * defused: a spreadsheet reads a cell starting with '=', '+', '-' or '@'
 * (or tab or CR, which some strip first) as a formula, so such a cell
 * starts with a single quote instead (OWASP's advice). Quoted when it
 * holds a comma, a double quote, CR or LF; quotes are doubled.
 */
static int csv_cell(struct buf *b, const char *s, size_t n)
{
	char *c = text_clean(s ? s : "", s ? n : 0);
	const char *p;
	int quote, rc = 0;

	if (!c)
		return -1;
	quote = c[strcspn(c, ",\"\r\n")] != '\0';
	rc |= buf_adds(b, quote ? ",\"" : ",");
	if (c[0] && strchr("=+-@\t\r", c[0]))
		rc |= buf_addc(b, '\'');
	for (p = c; *p;) {
		size_t run = strcspn(p, "\"");

		rc |= buf_add(b, p, run);
		p += run;
		if (*p == '"') {
			rc |= buf_add(b, "\"\"", 2);
			p++;
		}
	}
	if (quote)
		rc |= buf_addc(b, '"');
	free(c);
	return rc ? -1 : 0;
}

static int csv_text(struct buf *b, const char *s)
{
	return csv_cell(b, s, s ? strlen(s) : 0);
}

/* A cell of the n strings v[] joined by "; ", each cleaned on its own. */
static int csv_list(struct buf *b, const char *const *v, size_t n)
{
	struct buf cell;
	size_t i;
	int rc = 0;

	buf_init(&cell, 0);
	for (i = 0; i < n; i++) {
		char *c = text_clean(v[i] ? v[i] : "", v[i] ? strlen(v[i]) : 0);

		if (!c) {
			rc = -1;
			break;
		}
		if (*c) {
			if (cell.len)
				rc |= buf_adds(&cell, csv_join);
			rc |= buf_adds(&cell, c);
		}
		free(c);
	}
	if (!rc)
		rc = csv_cell(b, cell.data, cell.len);
	buf_release(&cell);
	return rc;
}

static int csv_begin(struct export_ctx *x)
{
	if (buf_adds(&x->line, csv_header) < 0)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

static int csv_event(struct export_ctx *x, const struct store_event *ev)
{
	struct buf *b = &x->line;
	const char **urls = NULL;
	size_t i, nurls = 0;
	int rc = 0;

	/* the URLs of its sources; a manual event's own url stands in */
	if (ev->nsources || ev->url) {
		urls = malloc((ev->nsources ? ev->nsources : 1) *
			      sizeof(*urls));
		if (!urls)
			return err_set(x->e, "out of memory");
		for (i = 0; i < ev->nsources; i++)
			urls[nurls++] = ev->sources[i].url;
		if (!nurls)
			urls[nurls++] = ev->url;
	}
	rc |= buf_addf(b, "%lld", ev->id);
	rc |= csv_text(b, ev->day);
	rc |= csv_text(b, ev->company);
	rc |= csv_text(b, ev->action);
	rc |= csv_list(b, ev->topics, ev->ntopics);
	rc |= csv_text(b, ev->title);
	rc |= csv_text(b, ev->summary);
	rc |= csv_text(b, ev->until);
	rc |= csv_text(b, ev->until_text);
	if (ev->follows)
		rc |= buf_addf(b, ",%lld", ev->follows);
	else
		rc |= buf_addc(b, ',');
	rc |= buf_adds(b, ev->policy ? ",true" : ",false");
	rc |= csv_text(b, ev->origin);
	rc |= buf_adds(b, ev->starred ? ",true" : ",false");
	rc |= csv_list(b, urls, nurls);
	rc |= buf_add(b, "\r\n", 2);
	free(urls);
	if (rc)
		return err_set(x->e, "out of memory");
	return export_flush(x);
}

const struct export_writer export_csv_writer = {csv_begin, csv_event, NULL,
						NULL};
