/* jobs.c - a small pool: workers take the jobs in order, the caller uses the
 * finished ones in order, so the output of -j N is the output of -j 1. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include "jobs.h"

typedef struct {
	const jobs_plan *plan;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a job finished, or one was used */
	unsigned char *done;
	size_t next;            /* the next job to take */
	size_t used;            /* jobs used so far */
	size_t window;
} pool;

static int may_take(const pool *p)
{
	return p->next < p->plan->count && p->next < p->used + p->window;
}

static void *worker(void *arg)
{
	pool *p = arg;
	const jobs_plan *plan = p->plan;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		size_t i;
		while (p->next < plan->count && !may_take(p))
			pthread_cond_wait(&p->changed, &p->lock);
		if (p->next >= plan->count)
			break;
		i = p->next++;
		/* jobs that build on an earlier one (the chapters of a manuscript) wait for it */
		while (plan->after && plan->after[i] != JOBS_NONE && !p->done[plan->after[i]])
			pthread_cond_wait(&p->changed, &p->lock);
		pthread_mutex_unlock(&p->lock);
		plan->work(plan->payload, i);
		pthread_mutex_lock(&p->lock);
		p->done[i] = 1;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static void run_inline(const jobs_plan *plan, size_t from)
{
	size_t i;
	for (i = from; i < plan->count; i++) {
		plan->work(plan->payload, i);
		plan->use(plan->payload, i);
	}
}

int jobs_run(const jobs_plan *plan)
{
	pool p;
	pthread_t *threads;
	int started = 0, k, rc = 0;
	if (plan->threads <= 1 || plan->count <= 1) {
		run_inline(plan, 0);
		return 0;
	}
	p.plan = plan;
	p.next = p.used = 0;
	p.window = (size_t)plan->threads * 4;
	p.done = calloc(plan->count, 1);
	threads = calloc((size_t)plan->threads, sizeof(*threads));
	if (!p.done || !threads || pthread_mutex_init(&p.lock, NULL) != 0) {
		free(p.done);
		free(threads);
		run_inline(plan, 0);
		return -1;
	}
	pthread_cond_init(&p.changed, NULL);
	for (k = 0; k < plan->threads; k++)
		if (pthread_create(&threads[k], NULL, worker, &p) == 0)
			started++;
		else
			break;
	if (!started) {
		rc = -1;
		run_inline(plan, 0);
	} else {
		size_t i;
		for (i = 0; i < plan->count; i++) {
			pthread_mutex_lock(&p.lock);
			while (!p.done[i])
				pthread_cond_wait(&p.changed, &p.lock);
			pthread_mutex_unlock(&p.lock);
			plan->use(plan->payload, i);
			pthread_mutex_lock(&p.lock);
			p.used = i + 1;
			pthread_cond_broadcast(&p.changed);
			pthread_mutex_unlock(&p.lock);
		}
	}
	for (k = 0; k < started; k++)
		pthread_join(threads[k], NULL);
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	free(p.done);
	free(threads);
	return rc;
}

int jobs_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}
