/* fuzz_num.c - libFuzzer target: the quantity scanner on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "govreport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_num *nums;
    size_t n;
    if (gr_num_scan((const char *)data, size, &nums, &n) == GR_OK)
        gr_num_free(nums);
    return 0;
}
