/* net.c - fetching with the libcurl multi interface, under the network rules. */
#include "internal.h"
