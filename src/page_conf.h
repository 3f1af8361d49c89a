/* page_conf.h - how a page or sitemap source is read (its config keys) */
#ifndef ANNALS_PAGE_CONF_H
#define ANNALS_PAGE_CONF_H

/* Defaults annals-sources(5) promises. */
#define PAGE_PAGES 1		/* listing pages read per run */
#define PAGE_MAX_PAGES 50	/* the most "pages" may ask for */
#define PAGE_MAX_FOLLOW 20	/* articles read per run */
#define PAGE_MAX_FOLLOW_CAP 500 /* the most "max_follow" may ask for */
#define PAGE_DELAY_MS 2000L	/* between requests to one host */

/*
 * The keys of a [source] with kind = page or sitemap. In a config_source
 * the strings are owned (config_release() frees them); elsewhere they are
 * borrowed. NULL selectors mean the defaults of page.h.
 */
struct page_conf {
	char *items;	/* XPath: one node per item */
	char *title;	/* XPath relative to the item node */
	char *link;	/* ... */
	char *date;	/* ... */
	char *summary;	/* ... */
	char *next;	/* XPath on the page: the next listing page */
	char *match;	/* sitemap: POSIX extended regex on URLs, NULL: all */
	int pages;	/* listing pages per run, 0: PAGE_PAGES */
	int follow;	/* read articles: 1 yes, 0 no, -1 the kind's default */
	int max_follow; /* articles per run, -1: PAGE_MAX_FOLLOW */
	long delay_ms;	/* between requests to the host, -1: PAGE_DELAY_MS */
};

#endif
