/* fuzz_store.c - libFuzzer target: the store's reading commands as a user types them (panel,
 * targets, search, sql, terms, indicators with fuzzed options and values), run in-process over a
 * small database ingested at start from the bundled samples. Input: the first byte picks the
 * command, then one argument a line. A --db the input gives is dropped (the database is ours);
 * tools/fuzz.sh runs it with -close_fd_mask=3, so the commands' output and messages go nowhere. A command must return one of its exit statuses: 0, 1 (no data, a
 * refused query) or 2 (a usage error). */
#define _GNU_SOURCE /* mkstemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "govreport.h"
#include "sample_db.h"

static char db_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_sample_db(db_path, "store", 2);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cmds[] = {"panel", "targets", "search", "sql", "terms", "indicators"};
    if (!size || size > 4096)
        return 0;
    const char *cmd = cmds[data[0] % 6];
    char *s = malloc(size);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = 0;
    char *argv[70];
    int argc = 0;
    argv[argc++] = (char *)cmd;
    for (char *p = s; p && argc < 64;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = 0;
        if (!strcmp(p, "--db") && nl) { /* the database is ours: drop it and its value */
            char *v = nl + 1, *vn = strchr(v, '\n');
            p = vn ? vn + 1 : NULL;
            continue;
        }
        if (strncmp(p, "--db=", 5))
            argv[argc++] = p;
        p = nl ? nl + 1 : NULL;
    }
    argv[argc++] = "--db";
    argv[argc++] = db_path;
    argv[argc] = NULL;
    int rc = cmd_store(cmd, argc, argv);
    if (rc < 0 || rc > 2)
        abort();
    free(s);
    return 0;
}
