/* store_ckpt.c - write-ahead log checkpoints on a thread of their own */
#include "store.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "err.h"
#include "store_impl.h"

/*
 * Why: a checkpoint copies the log back into the database and syncs both
 * files. Run by the writer itself (SQLite's automatic checkpoints), a
 * fetch spent a third of its time waiting for the disk there, with every
 * transfer and every later source waiting behind it. Here a thread with
 * a connection of its own checkpoints PASSIVE-ly (never blocking the
 * writer, which goes on appending to the log) whenever the writer's
 * commits have added CKPT_FRAMES frames; what is left is checkpointed
 * when the last connection closes, as before.
 */
#define CKPT_FRAMES 1024 /* 4 MB of 4 KB pages */

/*
 * The log restarts from its beginning only when a writer begins while
 * all of it is copied back, which a writer that never pauses does not
 * see: past this many frames the writer copies back the rest itself (a
 * few frames, the thread did most), so that the log stays this size.
 */
#define CKPT_MAX_FRAMES (16 * CKPT_FRAMES)

struct store_ckpt {
	sqlite3 *db; /* used by the thread only */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int frames;   /* in the log at the writer's last commit */
	int done;     /* frames in the log at the last checkpoint's start */
	bool wanted;  /* the writer asked for a checkpoint */
	bool closing; /* the thread is to end */
};

static void *ckpt_main(void *arg)
{
	struct store_ckpt *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->wanted && !c->closing)
			pthread_cond_wait(&c->cond, &c->lock);
		if (c->closing)
			break;
		c->wanted = false;
		c->done = c->frames;
		pthread_mutex_unlock(&c->lock);
		/* errors are no loss: the next checkpoint, or the one at
		 * close, copies the same frames */
		sqlite3_wal_checkpoint_v2(
			c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* After each commit of the writer, in its thread: n frames in the log. */
static int ckpt_hook(void *arg, sqlite3 *db, const char *name, int n)
{
	struct store_ckpt *c = arg;

	pthread_mutex_lock(&c->lock);
	c->frames = n;
	/* the log restarts from 0 once all of it was copied back */
	if (n < c->done)
		c->done = 0;
	if (n - c->done >= CKPT_FRAMES && !c->wanted) {
		c->wanted = true;
		pthread_cond_signal(&c->cond);
	}
	pthread_mutex_unlock(&c->lock);
	/* busy (not waiting) while the thread checkpoints: next commit */
	if (n >= CKPT_MAX_FRAMES)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
					  NULL, NULL);
	return SQLITE_OK;
}

int store_checkpoints_start(struct store *s, struct err *e)
{
	struct store_ckpt *c;
	sigset_t all, old;
	int rc;

	if (s->ckpt || sqlite3_db_readonly(s->db, "main") != 0)
		return 0;
	if (!(c = calloc(1, sizeof(*c))))
		return err_set(e, "out of memory");
	if (sqlite3_open_v2(s->path, &c->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK ||
	    /* a first read: the connection learns the file is in WAL mode */
	    sqlite3_exec(c->db, "SELECT count(*) FROM sqlite_master", NULL,
			 NULL, NULL) != SQLITE_OK) {
		err_set(e, "'%s': checkpoints: %s", s->path,
			c->db ? sqlite3_errmsg(c->db) : "out of memory");
		sqlite3_close(c->db);
		free(c);
		return -1;
	}
	if (pthread_mutex_init(&c->lock, NULL) != 0)
		goto fail_db;
	if (pthread_cond_init(&c->cond, NULL) != 0)
		goto fail_lock;
	/* signals are for the caller's thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, ckpt_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		goto fail_cond;
	/* replaces the writer's automatic checkpoints */
	sqlite3_wal_hook(s->db, ckpt_hook, c);
	s->ckpt = c;
	return 0;
fail_cond:
	pthread_cond_destroy(&c->cond);
fail_lock:
	pthread_mutex_destroy(&c->lock);
fail_db:
	sqlite3_close(c->db);
	free(c);
	return err_set(e, "'%s': checkpoints: cannot start a thread", s->path);
}

void store_checkpoints_stop(struct store *s)
{
	struct store_ckpt *c = s ? s->ckpt : NULL;

	if (!c)
		return;
	/* the writer checkpoints by itself again */
	sqlite3_wal_autocheckpoint(s->db, STORE_WAL_AUTOCHECKPOINT);
	pthread_mutex_lock(&c->lock);
	c->closing = true;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
	s->ckpt = NULL;
}
