/* err.h - error values passed up from library code */
#ifndef ANNALS_ERR_H
#define ANNALS_ERR_H

/*
 * An error message filled in by the function that failed, lower-case,
 * quoting its subject: "'feeds/x.xml': no such file". Only cmd_* and
 * main.c print it.
 */
struct err {
	char msg[1024];
};

/* Format a message into e (NULL e is allowed); always returns -1 so that
 * callers can write "return err_set(e, ...);". */
int err_set(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prefix the existing message in e with "fmt: " (for context as an error
 * travels up). Returns -1. */
int err_wrap(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
