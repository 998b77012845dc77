/* sample_db.h - the database the viewer's and the store's targets fuzz against: a new file in /tmp
 * holding the first n of the bundled samples (sample-county-2024.txt, then -2025.txt), ingested
 * through the store as `govreport ingest` would. Aborts when it cannot be made. */
#ifndef GR_FUZZ_SAMPLE_DB_H
#define GR_FUZZ_SAMPLE_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "govreport.h"

static void fuzz_sample_db(char path[64], const char *target, int n)
{
    static const char *const samples[] = {"sample-county-2024.txt", "sample-county-2025.txt"};
    snprintf(path, 64, "/tmp/fuzz-%s-XXXXXX", target);
    int fd = mkstemp(path);
    if (fd < 0)
        abort();
    close(fd);
    unlink(path);
    gr_db *w = NULL;
    if (gr_db_open(path, 0, &w))
        abort();
    for (int i = 0; i < n && i < 2; i++) {
        char file[512];
        snprintf(file, sizeof file, "%s/%s", EXAMPLES_DIR, samples[i]);
        FILE *f = fopen(file, "rb");
        static char buf[1 << 17];
        size_t len = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f)
            fclose(f);
        if (gr_db_ingest(w, samples[i], buf, len, NULL))
            abort();
    }
    gr_db_close(w);
}

#endif
