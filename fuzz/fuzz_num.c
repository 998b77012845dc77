/* fuzz_num.c - libFuzzer target: the quantity scanner on arbitrary bytes; every number's spans must
 * lie inside the input, the classes and approximations must be in range, and unit, base unit and
 * reason must hold no character JSON escapes (the CLI writes them as they are). */
#include <stdint.h>
#include <stdlib.h>

#include "govreport.h"

static int json_plain(const char *s)
{
    for (; *s; s++)
        if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gr_num *nums;
    size_t n;
    if (gr_num_scan((const char *)data, size, &nums, &n) != GR_OK)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (nums[i].start + nums[i].len > size || nums[i].vstart + nums[i].vlen > size ||
            (unsigned)nums[i].cls > GR_NUM_IDIOM || (unsigned)nums[i].approx > GR_APPROX_MAX ||
            !json_plain(nums[i].unit) || !json_plain(nums[i].base_unit) || !json_plain(nums[i].reason))
            abort();
    gr_num_free(nums);
    return 0;
}
