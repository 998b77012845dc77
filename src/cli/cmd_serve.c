/* cmd_serve.c - `govreport serve`: the web viewer over a corpus database (src/web). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../web/web.h"

static const char help[] =
    "usage: govreport serve [--db FILE] [--create] [--listen HOST:PORT] [--threads N]\n"
    "\n"
    "Serves the reports of a corpus database (made by 'govreport ingest') as a web library:\n"
    "browse by level and region, each report with its figures highlighted and linked, indicator\n"
    "charts across years, full-text search, reader comments, a JSON API under /api/.\n"
    "Stops on Ctrl-C (SIGINT) or SIGTERM.\n"
    "\n"
    "  --db FILE            the corpus database (default govreport.db); one that does not exist is\n"
    "                       refused, a typo more often than a wish for an empty library\n"
    "  --create             create FILE when it does not exist and serve the empty library\n"
    "  --listen HOST:PORT   where to listen (default 127.0.0.1:8080; 0.0.0.0:8080 for every address);\n"
    "                       a port another process listens on is refused\n"
    "  --threads N          worker threads (default: two per core)\n"
    "  --quiet              no start and stop messages\n"
    "  --test-captcha       FOR TESTS ONLY: the captcha image's answer is sent in a response header\n";

int cmd_serve(int argc, char **argv)
{
    web_opts o = {.db_path = "govreport.db", .listen = "127.0.0.1:8080"};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(help, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            o.db_path = argv[++i];
        } else if (!strcmp(a, "--listen") && i + 1 < argc) {
            o.listen = argv[++i];
        } else if (!strcmp(a, "--threads") && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 64)
                return cli_usage_error("serve", "--threads takes a number from 1 to 64");
            o.threads = (int)n;
        } else if (!strcmp(a, "--create")) {
            o.create = 1;
        } else if (!strcmp(a, "--quiet")) {
            o.quiet = 1;
        } else if (!strcmp(a, "--test-captcha")) {
            o.test_captcha = 1;
        } else {
            return cli_usage_error("serve", "unknown option or missing value");
        }
    }
    return web_serve(&o);
}
