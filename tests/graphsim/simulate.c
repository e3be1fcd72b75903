/*
 * The --simulate thread: R changes a minute, spread evenly in real time,
 * each one a step of an office day (presence.c's presence_simulate). It
 * sleeps on a condition variable so that simulate_stop wakes it at once.
 * Started and stopped by the main thread.
 */
#include "config.h"

#include "simulate.h"

#include <pthread.h>
#include <time.h>

#include "presence.h"
#include "rng.h"

static pthread_t simulate_thread;
static pthread_mutex_t simulate_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t simulate_cond;
static int simulate_quit;    /* Protected by simulate_mutex. */
static int simulate_running; /* Main thread only. */
static long simulate_rate;   /* Changes per minute. */
static uint64_t simulate_seed;

/* Nanoseconds on the monotonic clock. */
static int64_t
simulate_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The thread: make the changes that are due, then sleep. */
static void *
simulate_main(void *arg)
{
	struct rng r;
	struct timespec ts;
	int64_t start = simulate_mono(), due, done = 0, wake;

	(void)arg;
	rng_seed(&r, simulate_seed, 0x50000000ULL);
	pthread_mutex_lock(&simulate_mutex);
	while (!simulate_quit) {
		pthread_mutex_unlock(&simulate_mutex);
		due =
		    (simulate_mono() - start) / 1000000 * simulate_rate / 60000;
		while (done < due) {
			presence_simulate(&r);
			done++;
		}
		wake = start + (done + 1) * 60000000000LL / simulate_rate;
		if (wake - simulate_mono() < 10000000)
			wake = simulate_mono() + 10000000;
		ts.tv_sec = (time_t)(wake / 1000000000LL);
		ts.tv_nsec = (long)(wake % 1000000000LL);
		pthread_mutex_lock(&simulate_mutex);
		if (!simulate_quit)
			pthread_cond_timedwait(&simulate_cond, &simulate_mutex,
			    &ts);
	}
	pthread_mutex_unlock(&simulate_mutex);
	return NULL;
}

/* Start rate changes a minute; nothing when rate is 0. */
void
simulate_start(long rate, uint64_t seed)
{
	pthread_condattr_t attr;

	if (rate <= 0)
		return;
	simulate_rate = rate;
	simulate_seed = seed;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&simulate_cond, &attr);
	pthread_condattr_destroy(&attr);
	simulate_quit = 0;
	if (pthread_create(&simulate_thread, NULL, simulate_main, NULL) == 0)
		simulate_running = 1;
}

/* Stop the thread and wait for it. */
void
simulate_stop(void)
{
	if (!simulate_running)
		return;
	pthread_mutex_lock(&simulate_mutex);
	simulate_quit = 1;
	pthread_cond_signal(&simulate_cond);
	pthread_mutex_unlock(&simulate_mutex);
	pthread_join(simulate_thread, NULL);
	pthread_cond_destroy(&simulate_cond);
	simulate_running = 0;
}
