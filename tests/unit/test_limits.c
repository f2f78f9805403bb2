/* Unit tests for limits that no other module's test reaches: the overflow
 * guard of the growing arrays every module uses (util.c). */
#include <stdint.h>
#include <stdlib.h>
#include "helpers.h"
#include "internal.h"

/* cl_array_grow doubles the capacity; a need whose doubling would overflow
 * size_t is refused before anything is allocated, and the array is kept. */
static void array_growth_stops_before_overflow(void **state)
{
	int *items = NULL;
	size_t cap = 0;
	(void)state;
	assert_int_equal(cl_array_grow((void **)&items, &cap, sizeof(*items), 20), 0);
	assert_int_equal(cap, 32);
	assert_non_null(items);
	items[31] = 7;
	/* a capacity already large enough: nothing changes */
	assert_int_equal(cl_array_grow((void **)&items, &cap, sizeof(*items), 32), 0);
	assert_int_equal(cap, 32);
	/* SIZE_MAX / 2 elements of 4 bytes can never be allocated */
	assert_int_equal(cl_array_grow((void **)&items, &cap, sizeof(*items), SIZE_MAX / 2), -1);
	assert_int_equal(cap, 32);
	assert_int_equal(items[31], 7);
	/* nor SIZE_MAX / 8 + 1 elements of 8 bytes, even from an empty array */
	{
		double *d = NULL;
		size_t dcap = 0;
		assert_int_equal(cl_array_grow((void **)&d, &dcap, sizeof(*d), SIZE_MAX / 8 + 1), -1);
		assert_null(d);
		assert_int_equal(dcap, 0);
	}
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(array_growth_stops_before_overflow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
