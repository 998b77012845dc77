/* cmd_store.c - the corpus commands: ingest, panel, targets, search, sql. Each opens the database
 * (--db, default govreport.db) and writes rows as CSV (UTF-8, --bom for Excel), JSON Lines, or an
 * aligned table on a terminal. */
#define _DEFAULT_SOURCE /* d_type, lstat */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "../fact/fact.h" /* gr_indicators: the vocabulary `indicators` lists, a panel's default kind */
#include "../util/json.h"

enum { R_CSV, R_JSONL, R_TABLE };

struct out {
    int format, bom, header_done;
    size_t rows;
    /* --wide: the panel pivoted to one row per region, one column per year */
    int wide;
    char **keys;      /* region rows in order: "code\tname\tlevel\tprovince\tcity" */
    int *years;       /* distinct years */
    char ***cells;    /* [region][year] value */
    size_t nkeys, capkeys, nyears;
    size_t *slot, nslot; /* the rows by their key's hash: index + 1, 0 empty (open addressing) */
    /* the row layout --wide reads: the first key_cols columns but the year name a row, year_col and
     * value_col give its cell (0, 0, 0: a panel's, 5 region columns, year 5, value 9) */
    int key_cols, year_col, value_col, nkey; /* nkey: the key's fields (key_cols without the year) */
    char *key_names[8];
};

/* The bytes that put a CSV cell in quotes (RFC 4180). */
static const unsigned char csv_quoted[256] = {[','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1};

/* A row is built here and written at once: one stdio call a row, not two a cell. */
struct csv_line {
    size_t n;
    char b[8192];
};

static void line_put(struct csv_line *l, const char *s, size_t n)
{
    if (l->n + n > sizeof l->b) {
        fwrite(l->b, 1, l->n, stdout);
        l->n = 0;
        if (n > sizeof l->b) {
            fwrite(s, 1, n, stdout);
            return;
        }
    }
    memcpy(l->b + l->n, s, n);
    l->n += n;
}

static void csv_cell(struct csv_line *l, const char *s)
{
    if (!s)
        return;
    size_t n = 0;
    unsigned char quote = 0;
    for (; s[n]; n++) /* one pass: the length, and whether the cell needs quotes */
        quote |= csv_quoted[(unsigned char)s[n]];
    int formula = cli_csv_formula(s, n);
    if (!formula && !quote) {
        line_put(l, s, n);
        return;
    }
    line_put(l, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (const char *q; (q = memchr(s, '"', n));) { /* each quote doubled */
        line_put(l, s, (size_t)(q - s) + 1);
        line_put(l, "\"", 1);
        n -= (size_t)(q - s) + 1, s = q + 1;
    }
    line_put(l, s, n);
    line_put(l, "\"", 1);
}

/* One CSV row of n cells (a NULL cell is empty). */
static void csv_row(int n, const char *const *cells)
{
    struct csv_line l;
    l.n = 0;
    for (int i = 0; i < n; i++) {
        if (i)
            line_put(&l, ",", 1);
        csv_cell(&l, cells[i]);
    }
    line_put(&l, "\n", 1);
    fwrite(l.b, 1, l.n, stdout);
}

static int write_row(void *ctx, int n, const char *const *names, const char *const *vals)
{
    struct out *o = ctx;
    if (o->format == R_CSV) {
        if (!o->header_done) {
            if (o->bom)
                fputs("\xEF\xBB\xBF", stdout);
            csv_row(n, names);
            o->header_done = 1;
        }
        csv_row(n, vals);
    } else if (o->format == R_JSONL) {
        gr_buf b = {0};
        gr_buf_addc(&b, '{');
        for (int i = 0; i < n; i++) {
            if (i)
                gr_buf_addc(&b, ',');
            gr_json_cstr(&b, names[i], 0);
            gr_buf_addc(&b, ':');
            if (!vals[i])
                gr_buf_adds(&b, "null");
            else if (gr_json_is_number(vals[i]) && strcmp(names[i], "region_code") && strcmp(names[i], "province_code") &&
                     strcmp(names[i], "city_code") && strcmp(names[i], "code"))
                gr_buf_adds(&b, vals[i]);
            else
                gr_json_cstr(&b, vals[i], 0);
        }
        gr_buf_add(&b, "}\n", 2);
        int rc = cli_put("output", &b);
        gr_buf_free(&b);
        if (rc)
            return 1;
    } else {
        if (!o->header_done) {
            for (int i = 0; i < n; i++)
                printf("%s%s", i ? " | " : "", names[i]);
            putchar('\n');
            o->header_done = 1;
        }
        for (int i = 0; i < n; i++)
            printf("%s%s", i ? " | " : "", vals[i] ? vals[i] : "");
        putchar('\n');
    }
    o->rows++;
    return ferror(stdout) != 0;
}

/* ---- shared options -------------------------------------------------------------------------- */

struct common {
    const char *db;
    struct out out;
};

/* Handles --db, --format, --bom at argv[*i]; returns 1 if it took the option, -1 on a usage error. */
static int common_opt(const char *cmd, int argc, char **argv, int *i, struct common *c)
{
    const char *a = argv[*i];
    if (!strcmp(a, "--db") && *i + 1 < argc) {
        c->db = argv[++*i];
        return 1;
    }
    if (!strcmp(a, "--bom")) {
        c->out.bom = 1;
        return 1;
    }
    if (!strcmp(a, "--format") && *i + 1 < argc) {
        const char *v = argv[++*i];
        if (!strcmp(v, "csv"))
            c->out.format = R_CSV;
        else if (!strcmp(v, "jsonl") || !strcmp(v, "json"))
            c->out.format = R_JSONL;
        else if (!strcmp(v, "table"))
            c->out.format = R_TABLE;
        else
            return cli_usage_error(cmd, "--format takes csv, jsonl or table"), -1;
        return 1;
    }
    return 0;
}

static void common_init(struct common *c)
{
    memset(c, 0, sizeof *c);
    c->db = "govreport.db";
    c->out.format = isatty(STDOUT_FILENO) ? R_TABLE : R_CSV;
}

static gr_db *open_db(const struct common *c, int readonly)
{
    gr_db *db = NULL;
    if (readonly && access(c->db, F_OK)) {
        fprintf(stderr, "govreport: %s: no such database; create it with 'govreport ingest PATH --db %s'\n", c->db,
                c->db);
        return NULL;
    }
    if (gr_db_open(c->db, readonly, &db) != GR_OK) {
        fprintf(stderr, "govreport: %s\n", gr_db_error(db));
        gr_db_close(db);
        return NULL;
    }
    return db;
}

/* Ends a reading command: says why its query failed, closes the database, gives the exit status. */
static int close_read(const struct common *c, gr_db *db, gr_status st)
{
    int rc = EXIT_OK;
    if (st != GR_OK) {
        fprintf(stderr, "govreport: %s: %s\n", c->db, gr_db_error(db));
        rc = EXIT_INPUT;
    }
    gr_db_close(db);
    return rc;
}

static int parse_years(const char *s, int *from, int *to)
{
    char *end;
    long a = strtol(s, &end, 10), b = a;
    if (*end == '-')
        b = strtol(end + 1, &end, 10);
    if (*end || a < 1949 || b > 2100 || a > b)
        return -1;
    *from = (int)a;
    *to = (int)b;
    return 0;
}

/* ---- ingest ---------------------------------------------------------------------------------- */

static const char ingest_help[] =
    "usage: govreport ingest [--db FILE] [--reextract[=all]] [--reindex] [--keep-sources copy|path]\n"
    "                        [--region R] [--year Y] [--part P] [--hints TSV] [PATH...]\n"
    "\n"
    "Stores reports in the corpus database (SQLite, default govreport.db): the original bytes\n"
    "(compressed), the normalized text (once, by paragraph, with its trigram index), the document\n"
    "tree (paragraphs, parts, headings), the facts with their sentences and offsets, and the\n"
    "extractor version. PATH is a file or a directory, read recursively for .txt, .html, .htm and\n"
    ".docx files, by worker threads (one per core); one writer stores them in the order found,\n"
    "committing every 64 reports or every second (a report that fails is undone alone; one killed\n"
    "loses what came since the last commit). Each report is identified by the SHA-256 of its bytes:\n"
    "ingesting the same file again does nothing. One report is one document:\n"
    "a file of a region and plan year already stored (the .docx of a stored .txt, another scrape) is\n"
    "kept as that document's alternate source (table alternates), with no facts of its own, and ingest\n"
    "says which file it is stored as; when its body is the longer (the stored copy is cut off), it\n"
    "becomes the document and the other its alternate source, comments kept. A file that cannot be\n"
    "read is reported and skipped; everything else is stored.\n"
    "\n"
    "  --reextract  re-run the extractor on the stored reports an older govreport extracted (after an\n"
    "               upgrade), replacing their facts; --reextract=all: on every stored report.\n"
    "               Each is read from its stored text, not its file (which may have moved)\n"
    "  --reindex    build the text index search reads again from the stored text (when search says\n"
    "               it is damaged); search stays right while it runs\n"
    "  --keep-sources copy|path\n"
    "               how the original bytes are kept: copy (the default), compressed in the database;\n"
    "               path, only the file's absolute path (a smaller database; the viewer's download\n"
    "               then reads the file again, and refuses it once it has changed)\n"
    CLI_HINT_HELP
    "                  (--region, --year and --part apply to every file of this ingest)\n"
    "  --hints FILE    a TSV of file, region, year (and optionally part) for texts that do not say\n"
    "                  whose and which year they are; a file is matched by its path as given or by\n"
    "                  its name alone; a header line 'file region year' may come first\n"
    "What was given is stored with each document, and --reextract reads it the same way.\n";

/* One line of a --hints file. */
struct hint_row {
    char *file, *region;
    int year;
    gr_part part;
};

struct ingest_state {
    gr_db *db;
    struct hint_row *hints;
    size_t nhints;
    int tty, status, stopped; /* stopped: the database took no more (disk full, read-only) */
    size_t files, added, same, alternates, failed, facts, lost;
    double bytes;
    struct timespec t0;
    struct { dev_t dev; ino_t ino; } *seen; /* the directories walked: each once, links or not */
    size_t nseen;
    char **list; /* the files found, in order, to read and store */
    size_t nlist;
    size_t *held, nheld; /* the files stored since the last commit (indexes in list) */
    size_t *held_facts;  /* and their facts */
    gr_keep keep;
    const char *db_path;
    long long first_doc; /* the first document this ingest stored (ids only grow), or 0 */
};

/* Counts the facts of a document stored: its own, less those of the shorter copy it took the place
 * of when this ingest stored that one too (they were counted then, and are gone). */
static void count_stored(struct ingest_state *s, const gr_ingest *r)
{
    if (!s->first_doc || r->doc_id < s->first_doc)
        s->first_doc = r->doc_id;
    size_t gone = r->replaced && r->replaced >= s->first_doc ? r->facts_replaced : 0;
    s->facts += r->facts;
    s->facts -= gone < s->facts ? gone : s->facts;
}

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void progress(struct ingest_state *s, const char *name)
{
    if (!s->tty)
        return;
    double t = elapsed(&s->t0);
    const char *base = strrchr(name, '/');
    fprintf(stderr, "\r\033[K%zu files  %.1f MB  %zu facts  %.1f files/s  %s", s->files, s->bytes / 1e6, s->facts,
            t > 0 ? (double)s->files / t : 0.0, base ? base + 1 : name);
}

static int wanted(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm") ||
                   !strcasecmp(dot, ".docx"));
}

/* What the user said of the file at path: the command line's, then its own line of --hints. */
static gr_doc_hints hints_for(const struct ingest_state *s, const char *path)
{
    gr_doc_hints h = cli_hints;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (size_t k = 0; k < s->nhints; k++)
        if (!strcmp(s->hints[k].file, path) || !strcmp(s->hints[k].file, base)) {
            if (s->hints[k].region[0])
                h.region = s->hints[k].region;
            if (s->hints[k].year)
                h.year = s->hints[k].year;
            if (s->hints[k].part)
                h.part = s->hints[k].part;
            break;
        }
    return h;
}

/* One file read and made ready by a worker (or its read error), waiting for the writer. */
struct slot {
    gr_prepared *p;
    int read_errno; /* the file could not be read */
    size_t len;
    int ready;
};

/* The writer's part for one file, in the order the files were found. */
static void retry_held(struct ingest_state *s);

static void store_one(struct ingest_state *s, size_t idx, struct slot *sl)
{
    const char *path = s->list[idx];
    s->files++;
    if (sl->read_errno) {
        if (s->tty)
            fputs("\r\033[K", stderr);
        cli_error(path, -1, strerror(sl->read_errno));
        s->failed++;
        s->status = EXIT_INPUT;
        return;
    }
    if (s->stopped)
        return;
    gr_ingest res;
    gr_status st = gr_db_ingest_prepared(s->db, sl->p, &res);
    s->bytes += (double)sl->len;
    if (res.lost) /* a failed commit took the batch's earlier reports with it: stored again one by one */
        retry_held(s);
    if (st != GR_OK) {
        if (s->tty)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "govreport: %s:%s%s\n", path, gr_db_error(s->db)[0] >= '0' && gr_db_error(s->db)[0] <= '9' ? "" : " ",
                st == GR_ENOMEM ? "out of memory" : gr_db_error(s->db));
        s->failed++;
        s->status = EXIT_INPUT;
        if (st == GR_ESTORE) {
            s->stopped = 1;
            fprintf(stderr, "govreport: stopping: the database takes nothing more (%zu reports stored before this "
                            "one are intact); free space or fix the file and run the same command again\n",
                    s->added);
        }
        return;
    }
    if (res.added && res.replaced) { /* a document for a document: one more alternate source */
        s->alternates++;
        count_stored(s, &res);
        if (s->tty)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "govreport: %s: a fuller text of the report stored as %s: now the document (%lld), the other "
                        "kept as its alternate source\n", path, res.stored_as, res.doc_id);
    } else if (res.added) {
        s->added++;
        count_stored(s, &res);
    } else if (res.alternate) {
        s->alternates++;
        if (s->tty)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "govreport: %s: already stored as %s (document %lld, %s): kept as its alternate source\n", path,
                res.stored_as, res.doc_id, res.same_text ? "the same text" : "a different text of the same report");
    } else {
        s->same++;
    }
    if (res.committed)
        s->nheld = 0;
    else if (res.added || res.alternate)
        s->held_facts[s->nheld] = res.added ? res.facts : 0, s->held[s->nheld++] = idx;
    progress(s, path);
}

/* A batch's commit failed (a full disk) and took its reports with it: they are stored again, each in
 * its own transaction, until one does not fit; the counts are made good. */
static void retry_held(struct ingest_state *s)
{
    gr_db_batch(s->db, 0, 0);
    size_t n = s->nheld;
    s->nheld = 0;
    for (size_t k = 0; k < n; k++)
        s->facts -= s->held_facts[k] < s->facts ? s->held_facts[k] : s->facts;
    for (size_t k = 0; k < n; k++) {
        const char *path = s->list[s->held[k]];
        unsigned char *data;
        size_t len;
        gr_ingest res;
        if (cli_read(path, &data, &len))
            continue;
        gr_doc_hints h = hints_for(s, path);
        gr_status st = gr_db_ingest_with(s->db, path, data, len, &h, &res);
        free(data);
        if (st == GR_OK) {
            if (res.added)
                count_stored(s, &res);
            continue;
        }
        /* this one and the rest are not stored: taken off the counts */
        size_t gone = n - k;
        s->added -= gone < s->added ? gone : s->added;
        s->lost += gone;
        s->failed++;
        s->status = EXIT_INPUT;
        fprintf(stderr, "govreport: %s: %s\n", path, gr_db_error(s->db));
        if (st == GR_ESTORE && !s->stopped) {
            s->stopped = 1;
            fprintf(stderr, "govreport: stopping: the database takes nothing more (%zu reports stored before this "
                            "one are intact); free space or fix the file and run the same command again\n",
                    s->added);
        }
        break;
    }
}

/* The pipeline: worker threads read each file and make it ready (parse, facts, compression), each
 * with a read-only connection of its own to skip bytes stored already; the calling thread, the one
 * writer, stores them in the order found. At most WINDOW files are read ahead of the writer, so
 * memory is bound by the workers, not the corpus. */
#define WINDOW 16
struct pipe {
    struct ingest_state *s;
    struct slot *slots;
    size_t next, written; /* the next file to take; files the writer is done with */
    int stop;
    pthread_mutex_t mu;
    pthread_cond_t more, done; /* a slot was filled; the writer moved on */
};

/* Reads file i of the list and makes it ready to store (its read error, if any, kept in sl). */
static void read_slot(const struct ingest_state *s, size_t i, gr_db *reader, struct slot *sl)
{
    unsigned char *data;
    if (cli_read(s->list[i], &data, &sl->len)) {
        sl->read_errno = errno ? errno : EIO;
        return;
    }
    gr_doc_hints h = hints_for(s, s->list[i]);
    gr_db_prepare(reader, s->list[i], data, sl->len, &h, s->keep, &sl->p);
}

static void *worker(void *arg)
{
    struct pipe *q = arg;
    gr_db *reader = NULL;
    gr_db_worker_thread();
    if (gr_db_open(q->s->db_path, 1, &reader) != GR_OK) { /* no reader: the writer looks every file up */
        gr_db_close(reader);
        reader = NULL;
    }
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (!q->stop && q->next < q->s->nlist && q->next >= q->written + WINDOW)
            pthread_cond_wait(&q->done, &q->mu);
        if (q->stop || q->next >= q->s->nlist) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        size_t i = q->next++;
        pthread_mutex_unlock(&q->mu);
        struct slot sl = {0};
        read_slot(q->s, i, reader, &sl);
        pthread_mutex_lock(&q->mu);
        sl.ready = 1;
        q->slots[i] = sl;
        pthread_cond_broadcast(&q->more);
        pthread_mutex_unlock(&q->mu);
    }
    gr_db_close(reader);
    return NULL;
}

static unsigned worker_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (unsigned)n;
}

static void run_pipeline(struct ingest_state *s)
{
    if (!s->nlist)
        return;
    struct pipe q = {.s = s, .slots = calloc(s->nlist, sizeof *q.slots)};
    s->held = malloc(s->nlist * sizeof *s->held);
    s->held_facts = malloc(s->nlist * sizeof *s->held_facts);
    if (!q.slots || !s->held || !s->held_facts) {
        free(q.slots);
        free(s->held);
        free(s->held_facts);
        s->held = s->held_facts = NULL;
        fprintf(stderr, "govreport: out of memory\n");
        s->status = EXIT_INPUT;
        return;
    }
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.more, NULL);
    pthread_cond_init(&q.done, NULL);
    pthread_t th[8];
    unsigned nt = 0, want = worker_count();
    for (; nt < want; nt++)
        if (pthread_create(&th[nt], NULL, worker, &q))
            break;
    for (size_t i = 0; i < s->nlist && !s->stopped; i++) {
        pthread_mutex_lock(&q.mu);
        while (!q.slots[i].ready && nt)
            pthread_cond_wait(&q.more, &q.mu);
        pthread_mutex_unlock(&q.mu);
        if (!nt) /* no thread could start: the writer reads the files itself */
            read_slot(s, i, s->db, &q.slots[i]);
        store_one(s, i, &q.slots[i]);
        gr_prepared_free(q.slots[i].p);
        q.slots[i].p = NULL;
        pthread_mutex_lock(&q.mu);
        q.written = i + 1;
        q.stop = s->stopped;
        pthread_cond_broadcast(&q.done);
        pthread_mutex_unlock(&q.mu);
    }
    for (unsigned t = 0; t < nt; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < s->nlist; i++) /* stopped: what was read ahead */
        gr_prepared_free(q.slots[i].p);
    size_t lost = 0;
    if (gr_db_commit(s->db, &lost) != GR_OK) {
        if (s->tty)
            fputs("\r\033[K", stderr);
        fprintf(stderr, "govreport: %s: %s; storing them one at a time\n", s->db_path, gr_db_error(s->db));
        s->status = EXIT_INPUT;
        retry_held(s);
    }
    pthread_cond_destroy(&q.more);
    pthread_cond_destroy(&q.done);
    pthread_mutex_destroy(&q.mu);
    free(q.slots);
    free(s->held);
    free(s->held_facts);
    s->held = s->held_facts = NULL;
}

/* Walks a directory in name order (so runs are reproducible), depth-first. */
static void ingest_path(struct ingest_state *s, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb)) {
        cli_error(path, -1, strerror(errno));
        s->status = EXIT_INPUT;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        if (!S_ISREG(sb.st_mode)) { /* a FIFO or a device would block or never end */
            cli_error(path, -1, "not a regular file (a FIFO, device or socket): skipped");
            s->status = EXIT_INPUT;
            return;
        }
        char **grown = realloc(s->list, (s->nlist + 1) * sizeof *s->list);
        char *copy = strdup(path);
        if (grown)
            s->list = grown;
        if (!grown || !copy) {
            free(copy);
            cli_error(path, -1, "out of memory");
            s->status = EXIT_INPUT;
            return;
        }
        s->list[s->nlist++] = copy;
        return;
    }
    for (size_t i = 0; i < s->nseen; i++)
        if (s->seen[i].dev == sb.st_dev && s->seen[i].ino == sb.st_ino)
            return; /* walked already: a link back up the tree (ln -s . a) or a second name */
    void *grown = realloc(s->seen, (s->nseen + 1) * sizeof *s->seen);
    if (!grown) {
        cli_error(path, -1, "out of memory");
        s->status = EXIT_INPUT;
        return;
    }
    s->seen = grown;
    s->seen[s->nseen].dev = sb.st_dev, s->seen[s->nseen++].ino = sb.st_ino;
    if (depth > 32) { /* a tree no one keeps reports in */
        cli_error(path, -1, "directories nested too deep (over 32 levels): skipped");
        return;
    }
    struct dirent **list;
    int n = scandir(path, &list, NULL, alphasort);
    if (n < 0) {
        cli_error(path, -1, strerror(errno));
        s->status = EXIT_INPUT;
        return;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (name[0] != '.' && !s->stopped) {
            size_t k = strlen(path) + strlen(name) + 2;
            char *child = malloc(k);
            if (child) {
                snprintf(child, k, "%s/%s", path, name);
                struct stat cb;
                if (!stat(child, &cb) && (S_ISDIR(cb.st_mode) || wanted(name)))
                    ingest_path(s, child, depth + 1);
                free(child);
            }
        }
        free(list[i]);
    }
    free(list);
}

/* Reads a --hints file (file TAB region TAB year [TAB part]); 0, or EXIT_USAGE after saying which
 * line is wrong. */
static int read_hints(const char *path, struct ingest_state *s)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "govreport ingest: --hints %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    char line[2048];
    int rc = 0;
    for (size_t ln = 1; fgets(line, sizeof line, f); ln++) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#' || (ln == 1 && !strncmp(line, "file\t", 5)))
            continue;
        char *fld[4] = {0};
        int nf = 0;
        for (char *p = line, *t; nf < 4 && p; p = t) {
            t = strchr(p, '\t');
            if (t)
                *t++ = 0;
            fld[nf++] = p;
        }
        gr_doc_hints h = {fld[1] && fld[1][0] ? fld[1] : NULL, fld[2] ? atoi(fld[2]) : 0,
                          fld[3] && fld[3][0] ? gr_part_by_name(fld[3]) : GR_PART_BOILERPLATE};
        char err[200];
        if (nf < 2 || (fld[3] && fld[3][0] && !h.part) || gr_doc_hints_check(&h, err, sizeof err)) {
            fprintf(stderr, "govreport ingest: %s:%zu: %s\n", path, ln,
                    nf < 2 ? "want file, region, year (and part), separated by tabs"
                           : fld[3] && fld[3][0] && !h.part ? "the part is one of plan, review, work, five_year, five_year_plan"
                                                           : err);
            rc = EXIT_USAGE;
            break;
        }
        struct hint_row *q = realloc(s->hints, (s->nhints + 1) * sizeof *q);
        if (!q) {
            rc = EXIT_INPUT;
            break;
        }
        s->hints = q;
        q[s->nhints].file = strdup(fld[0]);
        q[s->nhints].region = strdup(fld[1] ? fld[1] : "");
        q[s->nhints].year = h.year;
        q[s->nhints].part = h.part;
        s->nhints++;
        if (!q[s->nhints - 1].file || !q[s->nhints - 1].region) {
            rc = EXIT_INPUT;
            break;
        }
    }
    fclose(f);
    return rc;
}

static void free_hints(struct ingest_state *s)
{
    for (size_t k = 0; k < s->nhints; k++)
        free(s->hints[k].file), free(s->hints[k].region);
    free(s->hints);
}

static int cmd_ingest(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    int reextract = 0, reindex = 0, i = 1, hr;
    gr_keep keep = GR_KEEP_COPY;
    const char *hints_file = NULL;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        int r = common_opt("ingest", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(ingest_help, stdout);
            return EXIT_OK;
        } else if (!strcmp(argv[i], "--reextract")) {
            reextract = 1;
        } else if (!strcmp(argv[i], "--reextract=all")) {
            reextract = 2;
        } else if (!strcmp(argv[i], "--reindex")) {
            reindex = 1;
        } else if (!strncmp(argv[i], "--keep-sources", 14) && (argv[i][14] == '=' || (!argv[i][14] && i + 1 < argc))) {
            const char *v = argv[i][14] == '=' ? argv[i] + 15 : argv[++i];
            if (!strcmp(v, "copy"))
                keep = GR_KEEP_COPY;
            else if (!strcmp(v, "path"))
                keep = GR_KEEP_PATH;
            else
                return cli_usage_error("ingest", "--keep-sources takes copy or path");
        } else if ((hr = cli_hint_opt("ingest", argc, argv, &i))) {
            if (hr < 0)
                return EXIT_USAGE;
        } else if (!strcmp(argv[i], "--hints") && i + 1 < argc) {
            hints_file = argv[++i];
        } else {
            return cli_usage_error("ingest", "unknown option");
        }
    }
    int paths = i < argc;
    if (!paths && !reextract && !reindex)
        return cli_usage_error("ingest", "no files or directories given (or --reextract, --reindex)");
    if (!paths && access(c.db, F_OK)) { /* a mistyped --db would make a new, empty database and say "0" */
        fprintf(stderr, "govreport: %s: no such database (%s): --reextract and --reindex work on the database an ingest "
                        "of reports made; give its path with --db\n", c.db, strerror(errno));
        return EXIT_INPUT;
    }
    struct ingest_state s = {.tty = isatty(STDERR_FILENO), .status = EXIT_OK};
    if (hints_file && (hr = read_hints(hints_file, &s))) {
        free_hints(&s);
        return hr;
    }
    gr_db *db = open_db(&c, 0);
    if (!db) {
        free_hints(&s);
        return EXIT_INPUT;
    }
    s.db = db;
    s.db_path = c.db;
    s.keep = keep;
    gr_db_keep_sources(db, keep);
    gr_db_batch(db, 64, 1000); /* a commit every 64 reports or second: see README "The database" */
    clock_gettime(CLOCK_MONOTONIC, &s.t0);
    for (; i < argc; i++)
        ingest_path(&s, argv[i], 0);
    run_pipeline(&s);
    gr_db_batch(db, 0, 0);
    if (s.tty)
        fputs("\r\033[K", stderr);
    if (gr_db_settle(db) != GR_OK) /* everything is stored: only the index stays as it is */
        fprintf(stderr, "govreport: %s: %s (the reports are stored; the index is left unmerged)\n", c.db, gr_db_error(db));
    double t = elapsed(&s.t0);
    if (paths) /* --reextract or --reindex alone: they say what they did */
        fprintf(stderr,
                "%zu files read (%.1f MB) in %.2f s: %zu stored, %zu alternate sources, %zu already there, %zu failed; "
                "%zu facts; %s\n",
                s.files, s.bytes / 1e6, t, s.added, s.alternates, s.same, s.failed, s.facts, c.db);
    if (reextract) {
        gr_reextracted r;
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (gr_db_reextract(db, reextract == 2, &r) != GR_OK) {
            fprintf(stderr, "govreport: %s: re-extraction stopped: %s\n", c.db, gr_db_error(db));
            s.status = EXIT_INPUT;
        } else if (r.skipped) {
            fprintf(stderr, "govreport: %zu stored reports could not be read again and keep their facts; the first: %s\n",
                    r.skipped, gr_db_error(db));
            s.status = EXIT_INPUT;
        }
        char how[120] = "";
        if (r.from_input)
            snprintf(how, sizeof how, ", %zu of them read from their input (stored by an older govreport)", r.from_input);
        fprintf(stderr, "re-extracted %zu documents in %.2f s%s: %zu facts%s\n", r.docs, elapsed(&t1), how, r.facts,
                reextract == 2 ? "" : " (those of an older extractor; --reextract=all for every one)");
    }
    if (reindex) {
        size_t docs;
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (gr_db_reindex(db, &docs) != GR_OK) {
            fprintf(stderr, "govreport: %s: the text index was not rebuilt: %s (search reads the text directly meanwhile)\n",
                    c.db, gr_db_error(db));
            s.status = EXIT_INPUT;
        } else {
            fprintf(stderr, "text index rebuilt: %zu documents in %.2f s\n", docs, elapsed(&t1));
        }
    }
    gr_db_close(db);
    free_hints(&s);
    free(s.seen);
    for (size_t k = 0; k < s.nlist; k++)
        free(s.list[k]);
    free(s.list);
    return s.status;
}

/* ---- indicators ------------------------------------------------------------------------------ */

static const char indicators_help[] =
    "usage: govreport indicators [--format csv|jsonl|table] [--bom]\n"
    "\n"
    "The indicator ids panel and targets take (data/indicators.tsv): id, standard name (the National\n"
    "Bureau of Statistics' wording), aliases (every other name a report may use, '|' between them),\n"
    "unit family, default kind (what panel and targets read without --kind: growth for money and\n"
    "prices, share for rates of a whole such as unemployment, amount for counts such as new urban\n"
    "jobs) and direction (higher: a result meets its target at or above it; ceiling: at or below it,\n"
    "for caps and cuts such as CPI, unemployment, energy intensity; neutral: no better side).\n";

/* The kind a panel or targets of the indicator reads without --kind: the table's, else growth. */
static const char *default_kind(const char *id)
{
    const gr_indicator *g = gr_indicator_by_id(id);
    return g ? g->kind : "growth";
}

static int cmd_indicators(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    for (int i = 1; i < argc; i++) {
        int r = common_opt("indicators", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(indicators_help, stdout);
            return EXIT_OK;
        }
        return cli_usage_error("indicators", "unknown option");
    }
    static const char *const names[] = {"id", "name", "aliases", "unit_family", "default_kind", "direction"};
    for (unsigned i = 0; i < gr_nindicators; i++) {
        const gr_indicator *g = &gr_indicators[i];
        gr_buf aliases = {0};
        for (unsigned k = 0; k < gr_nindicator_names; k++) /* in the table's byte order: stable */
            if (!strcmp(gr_indicator_names[k].id, g->id) && strcmp(gr_indicator_names[k].name, g->name)) {
                if (aliases.len)
                    gr_buf_addc(&aliases, '|');
                gr_buf_adds(&aliases, gr_indicator_names[k].name);
            }
        if (aliases.oom) {
            gr_buf_free(&aliases);
            return cli_error("indicators", -1, "out of memory"), EXIT_INPUT;
        }
        const char *vals[] = {g->id, g->name, aliases.len ? aliases.p : "", g->family, g->kind, g->direction};
        int stop = write_row(&c.out, 6, names, vals);
        gr_buf_free(&aliases);
        if (stop)
            return EXIT_INPUT;
    }
    return fflush(stdout) ? EXIT_INPUT : EXIT_OK;
}

/* ---- panel ----------------------------------------------------------------------------------- */

static const char panel_help[] =
    "usage: govreport panel --indicator ID [--kind growth|amount|share|rank] [--role actual|target]\n"
    "                       [--level national|province|city|county] [--years 2015-2026] [--wide]\n"
    "                       [--with-parents] [--format csv|jsonl|table] [--bom] [--db FILE]\n"
    "\n"
    "A region x year panel of one indicator (the ids, their names and default kinds: govreport indicators).\n"
    "Long form: one row per region and year, with region code, name, level and parent codes, value,\n"
    "range top, unit, the value in base units, approximation, the metric as written and the file.\n"
    "Results come from the report reviewing the year, targets from the report planning it.\n"
    "--with-parents: each row beside its city's and its province's figure for the same year (columns\n"
    "city_value, city_unit, city_approx, city_file, province_value, …), so a county compares with its\n"
    "city and province in one table; with --wide, the parents' rows among the level's (code order:\n"
    "河北省, 保定市, then its counties).\n"
    "--wide: one row per region, one column per year (values only). Defaults: --kind the indicator's\n"
    "(growth for gdp and cpi, share for unemployment rates, amount for new_urban_jobs: govreport\n"
    "indicators), --role actual; CSV unless stdout is a terminal.\n";

static size_t key_hash(const char *k)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return h;
}

/* The row named key, or o->nkeys when there is none yet (a hash lookup: a panel of 80,000 reports
 * has tens of thousands of rows). */
static size_t wide_find(const struct out *o, const char *key)
{
    if (!o->nslot)
        return o->nkeys;
    for (size_t i = key_hash(key) & (o->nslot - 1);; i = (i + 1) & (o->nslot - 1)) {
        if (!o->slot[i])
            return o->nkeys;
        if (!strcmp(o->keys[o->slot[i] - 1], key))
            return o->slot[i] - 1;
    }
}

/* Files row r under key in a table of nslot slots (a power of two) that has room. */
static void slot_put(size_t *slot, size_t nslot, const char *key, size_t r)
{
    size_t i = key_hash(key) & (nslot - 1);
    while (slot[i])
        i = (i + 1) & (nslot - 1);
    slot[i] = r + 1;
}

/* Makes room for one more row: the arrays doubled, the hash table kept at most half full. */
static int wide_grow(struct out *o)
{
    if (o->nkeys == o->capkeys) {
        size_t c = o->capkeys ? 2 * o->capkeys : 64;
        char **k = realloc(o->keys, c * sizeof *k);
        if (k)
            o->keys = k;
        char ***cells = realloc(o->cells, c * sizeof *cells);
        if (cells)
            o->cells = cells;
        if (!k || !cells)
            return 1;
        o->capkeys = c;
    }
    if (2 * (o->nkeys + 1) > o->nslot) {
        size_t ns = o->nslot ? 2 * o->nslot : 128;
        size_t *slot = calloc(ns, sizeof *slot);
        if (!slot)
            return 1;
        for (size_t r = 0; r < o->nkeys; r++)
            slot_put(slot, ns, o->keys[r], r);
        free(o->slot);
        o->slot = slot, o->nslot = ns;
    }
    return 0;
}

static int collect_wide(void *ctx, int n, const char *const *names, const char *const *vals)
{
    struct out *o = ctx;
    if (!o->key_cols)
        o->key_cols = 5, o->year_col = 5, o->value_col = 9;
    if (o->key_cols > 9 || o->year_col >= n || o->value_col >= n || o->key_cols > n)
        return 1;
    if (!o->nkey)
        for (int i = 0; i < o->key_cols; i++)
            if (i != o->year_col && !(o->key_names[o->nkey++] = strdup(names[i])))
                return 1;
    /* the row's name: its key columns joined by tabs */
    char key[1024]; /* room for every field at its longest (a term of 255 bytes, a topic of 64) */
    size_t kl = 0;
    for (int i = 0, f = 0; i < o->key_cols && kl < sizeof key; i++)
        if (i != o->year_col)
            kl += (size_t)snprintf(key + kl, sizeof key - kl, "%s%s", f++ ? "\t" : "", vals[i] ? vals[i] : "");
    if (kl >= sizeof key)
        return 1; /* cut, it could name another row: no silent merge */
    int year = vals[o->year_col] ? atoi(vals[o->year_col]) : 0;
    const char *value = vals[o->value_col];
    size_t r = wide_find(o, key), y = 0;
    if (r == o->nkeys) {
        if (wide_grow(o) || !(o->keys[r] = strdup(key)))
            return 1;
        o->cells[r] = NULL;
        o->nkeys++;
        slot_put(o->slot, o->nslot, key, r);
    }
    while (y < o->nyears && o->years[y] != year)
        y++;
    if (y == o->nyears) {
        int *ys = realloc(o->years, (o->nyears + 1) * sizeof *ys);
        if (!ys)
            return 1;
        o->years = ys;
        o->years[o->nyears++] = year;
        for (size_t q = 0; q < o->nkeys; q++) {
            if (!o->cells[q])
                continue; /* a row with no cell yet gets all nyears of them, zeroed, below */
            char **row = realloc(o->cells[q], o->nyears * sizeof *row);
            if (!row)
                return 1;
            row[o->nyears - 1] = NULL;
            o->cells[q] = row;
        }
    }
    if (!o->cells[r]) {
        o->cells[r] = calloc(o->nyears, sizeof **o->cells);
        if (!o->cells[r])
            return 1;
    }
    free(o->cells[r][y]);
    o->cells[r][y] = value ? strdup(value) : NULL;
    return 0;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static void write_wide(struct out *o)
{
    int *order = malloc((o->nyears + 1) * sizeof *order);
    if (!order)
        return;
    if (o->nyears)
        memcpy(order, o->years, o->nyears * sizeof *order);
    qsort(order, o->nyears, sizeof *order, cmp_int);
    size_t nk = o->nkey ? (size_t)o->nkey : 5, ncol = nk + o->nyears;
    const char **names = calloc(ncol, sizeof *names), **vals = calloc(ncol, sizeof *vals);
    char (*yname)[8] = calloc(o->nyears + 1, sizeof *yname);
    if (names && vals && yname) {
        static const char *const fixed[] = {"region_code", "region", "level", "province_code", "city_code"};
        for (size_t i = 0; i < nk; i++)
            names[i] = o->key_names[i] ? o->key_names[i] : i < 5 ? fixed[i] : "";
        for (size_t y = 0; y < o->nyears; y++) {
            snprintf(yname[y], sizeof yname[y], "%d", order[y]);
            names[nk + y] = yname[y];
        }
        o->header_done = 0;
        for (size_t r = 0; r < o->nkeys; r++) {
            char *key = strdup(o->keys[r]);
            if (!key)
                break;
            size_t i = 0;
            /* split at every tab (strtok would merge the empty fields of an unknown region) */
            for (char *f = key; f && i < nk; i++) {
                char *tab = strchr(f, '\t');
                if (tab)
                    *tab = 0;
                vals[i] = *f ? f : NULL;
                f = tab ? tab + 1 : NULL;
            }
            while (i < nk)
                vals[i++] = NULL;
            for (size_t y = 0; y < o->nyears; y++) {
                size_t src = 0;
                while (o->years[src] != order[y])
                    src++;
                vals[nk + y] = o->cells[r] ? o->cells[r][src] : NULL;
            }
            o->rows--; /* write_row counts; keep the count of regions */
            write_row(o, (int)ncol, names, vals);
            free(key);
        }
    }
    free(names);
    free(vals);
    free(yname);
    free(order);
    for (size_t r = 0; r < o->nkeys; r++) {
        for (size_t y = 0; o->cells[r] && y < o->nyears; y++)
            free(o->cells[r][y]);
        free(o->cells[r]);
        free(o->keys[r]);
    }
    free(o->cells);
    free(o->keys);
    free(o->slot);
    free(o->years);
    for (size_t i = 0; i < 8; i++)
        free(o->key_names[i]);
}

/* ---- checking what the user asked for -------------------------------------------------------- */

static int one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++)
        if (!strcmp(v, *allowed))
            return 1;
    return 0;
}

/* --kind and --level: a usage error naming the value and the choices (a typo is no empty panel). */
static int check_kind_level(const char *cmd, const char *kind, const char *level)
{
    static const char *const kinds[] = {"growth", "amount", "share", "rank", NULL};
    static const char *const levels[] = {"national", "province", "city", "county", NULL};
    char msg[160];
    if (kind && !one_of(kind, kinds)) {
        snprintf(msg, sizeof msg, "unknown --kind '%.40s': growth, amount, share or rank", kind);
        return cli_usage_error(cmd, msg);
    }
    if (level && !one_of(level, levels)) {
        snprintf(msg, sizeof msg, "unknown --level '%.40s': national, province, city or county", level);
        return cli_usage_error(cmd, msg);
    }
    return 0;
}

struct near {
    const char *want;
    char lower[64]; /* want in ASCII lower case (GDP → gdp), ids being lower case */
    int found;
    gr_buf list; /* near matches, ", "-separated */
    size_t n;
};

static int ascii_has(const char *hay, const char *needle)
{
    return *needle && strstr(hay, needle) != NULL;
}

static int near_row(void *ctx, int n, const char *const *names, const char *const *vals)
{
    struct near *q = ctx;
    (void)n;
    (void)names;
    const char *id = vals[0] ? vals[0] : "", *name = vals[1] ? vals[1] : "";
    if (!strcmp(id, q->want)) {
        q->found = 1;
        return 0;
    }
    /* unemployment → unemployment_surveyed, …; 失业率 → its ids; an indicator's standard name */
    if ((ascii_has(id, q->lower) || ascii_has(q->lower, id) || (*name && (strstr(name, q->want) || strstr(q->want, name)))) &&
        q->n < 8) {
        if (q->n++)
            gr_buf_adds(&q->list, ", ");
        gr_buf_adds(&q->list, id);
        gr_buf_adds(&q->list, " (");
        gr_buf_adds(&q->list, name);
        gr_buf_addc(&q->list, ')');
    }
    return 0;
}

/* --indicator: an id of the database's indicators; otherwise a usage error (exit 2) with the
 * near matches and where the whole list is. Returns 0, or the exit status. */
static int check_indicator(const char *cmd, gr_db *db, const char *want)
{
    struct near q = {want, "", 0, {0}, 0};
    size_t k = 0;
    for (; want[k] && k + 1 < sizeof q.lower; k++)
        q.lower[k] = want[k] >= 'A' && want[k] <= 'Z' ? (char)(want[k] - 'A' + 'a') : want[k];
    q.lower[k] = 0;
    if (gr_db_indicator_names(db, near_row, &q) != GR_OK) {
        gr_buf_free(&q.list);
        return 0; /* the query itself failed: the command's own query says why */
    }
    if (!q.found)
        fprintf(stderr, "govreport %s: unknown indicator '%s'%s%s; the ids, names and aliases: govreport indicators\n",
                cmd, want, q.n ? "; near: " : "", q.n ? q.list.p : "");
    gr_buf_free(&q.list);
    return q.found ? 0 : EXIT_USAGE;
}

static int cmd_panel(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    gr_panel_opts po = {.role = "actual"};
    for (int i = 1; i < argc; i++) {
        int r = common_opt("panel", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(panel_help, stdout);
            return EXIT_OK;
        } else if (!strcmp(a, "--wide")) {
            c.out.wide = 1;
        } else if (!strcmp(a, "--with-parents")) {
            po.with_parents = 1;
        } else if (v && !strcmp(a, "--indicator")) {
            po.indicator = v, i++;
        } else if (v && !strcmp(a, "--kind")) {
            po.kind = v, i++;
        } else if (v && !strcmp(a, "--role")) {
            po.role = v, i++;
        } else if (v && !strcmp(a, "--level")) {
            po.level = v, i++;
        } else if (v && !strcmp(a, "--years")) {
            if (parse_years(v, &po.year_from, &po.year_to))
                return cli_usage_error("panel", "--years takes YEAR or FROM-TO, e.g. 2015-2026");
            i++;
        } else {
            return cli_usage_error("panel", "unknown option or missing value");
        }
    }
    if (!po.indicator)
        return cli_usage_error("panel", "--indicator is required (e.g. --indicator gdp; the ids: govreport indicators)");
    if (!po.kind)
        po.kind = default_kind(po.indicator);
    if (strcmp(po.role, "actual") && strcmp(po.role, "target"))
        return cli_usage_error("panel", "--role takes actual or target");
    if (check_kind_level("panel", po.kind, po.level))
        return EXIT_USAGE;
    gr_db *db = open_db(&c, 1);
    if (!db)
        return EXIT_INPUT;
    int bad = check_indicator("panel", db, po.indicator);
    if (bad) {
        gr_db_close(db);
        return bad;
    }
    if (po.with_parents && c.out.wide)
        po.with_parents = 2; /* wide: the parents as rows of their own */
    gr_status st = gr_db_panel(db, &po, c.out.wide ? collect_wide : write_row, &c.out);
    if (st == GR_OK && !c.out.rows && !c.out.nkeys) /* no silent empty answer */
        fprintf(stderr,
                "govreport panel: no %s fact of indicator '%s' with role %s%s%s%s in the database (other kinds:"
                " --kind growth|amount|share|rank; what is there: govreport sql \"SELECT indicator, kind, role,"
                " count(*) FROM facts GROUP BY 1, 2, 3\")\n",
                po.kind, po.indicator, po.role, po.level ? " at level " : "", po.level ? po.level : "",
                po.year_from ? " in the years asked" : "");
    if (c.out.wide)
        write_wide(&c.out);
    return close_read(&c, db, st);
}

/* ---- terms ----------------------------------------------------------------------------------- */

static const char terms_help[] =
    "usage: govreport terms (--dict NAME|FILE | --term TERM)... [--part all|review|plan] [--by-term]\n"
    "                       [--level LEVEL] [--region CODE|NAME] [--years 2015-2026]\n"
    "                       [--wide [--value per_10k|count|share]] [--show] [--list]\n"
    "                       [--format csv|jsonl|table] [--bom] [--db FILE]\n"
    "\n"
    "How much each report speaks of a topic: the matches of a dictionary's terms in the report's\n"
    "body, one row per report (region x year) and topic. Counted over the body only: the site's\n"
    "boilerplate, the front matter (title, meeting, speaker) and the notes are left out; --part\n"
    "review or plan counts one part. Terms match as written, leftmost-longest and without overlaps\n"
    "(环境保护 counts once, not also as 环保); a traditional form matches only if listed.\n"
    "\n"
    "  --dict NAME|FILE  a bundled dictionary (environment, innovation, livelihoods, opening-up, risk;\n"
    "                    --list shows them) or a UTF-8 file: one term per line, # comments, and\n"
    "                    'topic<TAB>term' lines for topics of their own (other lines: the file's name)\n"
    "  --term TERM       one term (topic 'terms'); repeatable, with or without --dict\n"
    "  --by-term         one row per term instead of per topic (terms that do not occur: 0)\n"
    "  --wide            one row per region and topic, one column per year: --value per_10k (matches\n"
    "                    per 10,000 characters of body, the default), count, or share (of sentences)\n"
    "  --show            each match instead: its term, sentence, and byte offsets in the stored text\n"
    "                    and in the original file (--region and --years pick one panel cell)\n"
    "Columns: region_code, region, level, province_code, city_code, year (the report's: the year it\n"
    "was delivered), topic [, term], count, per_10k, sentences_with (sentences with a match),\n"
    "sentences, share (sentences_with / sentences), chars (of the body, whitespace not counted), file.\n";

struct terms_run {
    const gr_terms *t;
    struct out *out;
    unsigned mask;
    int by_term, show;
    size_t ncells;                 /* topics, or terms with --by-term */
    size_t *count, *with, *last;   /* per cell: matches, sentences with one, the last such (+1) */
    const gr_doc_row *row;
    const gr_doc *doc;
    size_t reports, matches;
    int failed;
};

static int terms_hit(void *ctx, const gr_terms_hit *h)
{
    struct terms_run *r = ctx;
    r->matches++;
    if (r->show) {
        size_t tlen;
        const char *text = gr_doc_text(r->doc, &tlen);
        char year[16], ts[24], te[24], ss[24], se[24];
        snprintf(year, sizeof year, "%d", r->row->year);
        snprintf(ts, sizeof ts, "%zu", h->start);
        snprintf(te, sizeof te, "%zu", h->start + h->len);
        snprintf(ss, sizeof ss, "%zu", gr_doc_source_offset(r->doc, h->start));
        snprintf(se, sizeof se, "%zu", gr_doc_source_offset(r->doc, h->start + h->len));
        char *sentence = strndup(text + h->sentence_start, h->sentence_len);
        if (!sentence)
            return r->failed = 1;
        const char *names[] = {"region_code", "region", "year", "topic", "term", "text_start", "text_end",
                               "source_start", "source_end", "sentence", "file"};
        const char *vals[] = {r->row->region_code, r->row->region, r->row->year ? year : NULL,
                              gr_terms_topic(r->t, gr_terms_topic_of(r->t, h->term)), gr_terms_term(r->t, h->term), ts, te,
                              ss, se, sentence, r->row->file};
        int stop = write_row(r->out, 11, names, vals);
        free(sentence);
        return r->failed = stop;
    }
    size_t cell = r->by_term ? h->term : gr_terms_topic_of(r->t, h->term);
    r->count[cell]++;
    if (r->last[cell] != h->sentence + 1) {
        r->with[cell]++;
        r->last[cell] = h->sentence + 1;
    }
    return 0;
}

static int terms_report(void *ctx, const gr_doc_row *row, const gr_doc *doc)
{
    struct terms_run *r = ctx;
    r->row = row, r->doc = doc;
    r->reports++;
    memset(r->count, 0, r->ncells * sizeof *r->count);
    memset(r->with, 0, r->ncells * sizeof *r->with);
    memset(r->last, 0, r->ncells * sizeof *r->last);
    gr_terms_body body;
    gr_terms_scan(r->t, doc, r->mask, &body, terms_hit, r);
    if (r->failed || r->show)
        return r->failed;
    for (size_t cell = 0; cell < r->ncells; cell++) {
        char year[16], count[24], per[32], with[24], sent[24], share[32], chars[24];
        snprintf(year, sizeof year, "%d", row->year);
        snprintf(count, sizeof count, "%zu", r->count[cell]);
        snprintf(per, sizeof per, "%.3f", body.chars ? 1e4 * (double)r->count[cell] / (double)body.chars : 0.0);
        snprintf(with, sizeof with, "%zu", r->with[cell]);
        snprintf(sent, sizeof sent, "%zu", body.sentences);
        snprintf(share, sizeof share, "%.4f", body.sentences ? (double)r->with[cell] / (double)body.sentences : 0.0);
        snprintf(chars, sizeof chars, "%zu", body.chars);
        const char *topic = gr_terms_topic(r->t, r->by_term ? gr_terms_topic_of(r->t, cell) : cell);
        /* region, year, topic (, term), the measures: --wide names a row by all but the year */
        const char *names[16] = {"region_code", "region", "level", "province_code", "city_code", "year", "topic"};
        const char *vals[16] = {row->region_code, row->region, row->level, row->province_code, row->city_code,
                                row->year ? year : NULL, topic};
        int n = 7;
        if (r->by_term)
            names[n] = "term", vals[n++] = gr_terms_term(r->t, cell);
        static const char *const measures[] = {"count", "per_10k", "sentences_with", "sentences", "share", "chars", "file"};
        const char *mv[] = {count, per, with, sent, share, chars, row->file};
        for (int m = 0; m < 7; m++)
            names[n + m] = measures[m], vals[n + m] = mv[m];
        if (r->out->wide ? collect_wide(r->out, n + 7, names, vals) : write_row(r->out, n + 7, names, vals))
            return r->failed = 1;
    }
    return 0;
}

static int cmd_terms(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    gr_terms *t = gr_terms_new();
    if (!t) {
        fputs("govreport terms: out of memory\n", stderr);
        return EXIT_INPUT;
    }
    gr_docs_opts o = {0};
    const char *part = "all", *value = "per_10k", *region = NULL;
    int by_term = 0, show = 0, list = 0, rc = EXIT_OK;
    char err[512];
    for (int i = 1; i < argc; i++) {
        int r = common_opt("terms", argc, argv, &i, &c);
        if (r < 0) {
            rc = EXIT_USAGE;
            goto done;
        }
        if (r)
            continue;
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        gr_status st = GR_OK;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(terms_help, stdout);
            goto done;
        } else if (!strcmp(a, "--wide")) {
            c.out.wide = 1;
        } else if (!strcmp(a, "--by-term")) {
            by_term = 1;
        } else if (!strcmp(a, "--show")) {
            show = 1;
        } else if (!strcmp(a, "--list")) {
            list = 1;
        } else if (v && !strcmp(a, "--dict")) {
            st = gr_terms_load(t, v, err, sizeof err), i++;
        } else if (v && !strcmp(a, "--term")) {
            char why[300];
            if ((st = gr_terms_add(t, NULL, v, why, sizeof why)) == GR_EINPUT)
                snprintf(err, sizeof err, "--term %s: %s", v, why);
            i++;
        } else if (v && !strcmp(a, "--part")) {
            part = v, i++;
        } else if (v && !strcmp(a, "--value")) {
            value = v, i++;
        } else if (v && !strcmp(a, "--level")) {
            o.level = v, i++;
        } else if (v && !strcmp(a, "--region")) {
            region = v, i++;
        } else if (v && !strcmp(a, "--years")) {
            if (parse_years(v, &o.year_from, &o.year_to)) {
                rc = cli_usage_error("terms", "--years takes YEAR or FROM-TO, e.g. 2015-2026");
                goto done;
            }
            i++;
        } else {
            rc = cli_usage_error("terms", "unknown option or missing value");
            goto done;
        }
        if (st) {
            fprintf(stderr, "govreport terms: %s\n", st == GR_ENOMEM ? "out of memory" : err);
            rc = st == GR_ENOMEM ? EXIT_INPUT : EXIT_USAGE;
            goto done;
        }
    }
    if (list) { /* the bundled dictionaries: name, topics, terms */
        size_t nb;
        gr_terms_bundled(0, &nb);
        for (size_t b = 0; b < nb; b++) {
            gr_terms *one = gr_terms_new();
            if (!one || gr_terms_load(one, gr_terms_bundled(b, NULL), err, sizeof err)) {
                gr_terms_free(one);
                continue;
            }
            gr_buf line = {0};
            for (size_t k = 0; k < gr_terms_count(one); k++) {
                gr_buf_adds(&line, k ? " " : "");
                gr_buf_adds(&line, gr_terms_term(one, k));
            }
            char n[16];
            snprintf(n, sizeof n, "%zu", gr_terms_count(one));
            const char *names[] = {"dictionary", "terms", "words"};
            const char *vals[] = {gr_terms_bundled(b, NULL), n, line.p};
            write_row(&c.out, 3, names, vals);
            gr_buf_free(&line);
            gr_terms_free(one);
        }
        goto done;
    }
    if (!gr_terms_count(t)) {
        rc = cli_usage_error("terms", "no terms: give --dict NAME|FILE (bundled: govreport terms --list) or --term TERM");
        goto done;
    }
    unsigned mask = !strcmp(part, "all") ? GR_TERMS_ALL : !strcmp(part, "review") ? GR_TERMS_REVIEW
                  : !strcmp(part, "plan") ? GR_TERMS_PLAN : 0;
    if (!mask) {
        rc = cli_usage_error("terms", "--part takes all, review or plan");
        goto done;
    }
    int vcol = !strcmp(value, "count") ? 0 : !strcmp(value, "per_10k") ? 1 : !strcmp(value, "share") ? 4 : -1;
    if (vcol < 0) {
        rc = cli_usage_error("terms", "--value takes per_10k, count or share");
        goto done;
    }
    if (show && c.out.wide) {
        rc = cli_usage_error("terms", "--show lists matches; it has no wide form");
        goto done;
    }
    if (check_kind_level("terms", NULL, o.level)) {
        rc = EXIT_USAGE;
        goto done;
    }
    gr_db *db = open_db(&c, 1);
    if (!db) {
        rc = EXIT_INPUT;
        goto done;
    }
    o.region = region;
    size_t ncells = by_term ? gr_terms_count(t) : gr_terms_ntopics(t);
    struct terms_run run = {t, &c.out, mask, by_term, show, ncells, calloc(ncells, sizeof(size_t)),
                            calloc(ncells, sizeof(size_t)), calloc(ncells, sizeof(size_t)), NULL, NULL, 0, 0, 0};
    gr_status st = GR_ENOMEM;
    size_t skipped = 0;
    if (run.count && run.with && run.last) {
        /* --wide: a row per region and topic (and term), its cells the measure asked for */
        c.out.key_cols = 7 + by_term, c.out.year_col = 5, c.out.value_col = 7 + by_term + vcol;
        st = gr_db_each_document(db, &o, terms_report, &run, &skipped);
    }
    if (st == GR_ENOMEM)
        fprintf(stderr, "govreport terms: out of memory\n");
    if (st == GR_OK && !run.reports)
        fprintf(stderr, "govreport terms: no report%s%s%s%s in %s (what is there: govreport sql \"SELECT level, plan_year,"
                        " count(*) FROM documents GROUP BY 1, 2\")\n", o.level ? " at level " : "", o.level ? o.level : "",
                region ? " of " : "", region ? region : "", c.db);
    else if (st == GR_OK && show && !run.matches)
        fprintf(stderr, "govreport terms: %zu report%s read, no match of the %zu terms in the %s\n", run.reports,
                run.reports == 1 ? "" : "s", gr_terms_count(t), !strcmp(part, "all") ? "body" : part);
    if (skipped)
        fprintf(stderr, "govreport terms: %zu stored reports could not be read again and are not counted (govreport ingest --reextract says which)\n", skipped);
    if (c.out.wide)
        write_wide(&c.out);
    free(run.count);
    free(run.with);
    free(run.last);
    rc = st == GR_ENOMEM ? EXIT_INPUT : close_read(&c, db, st == GR_ENOMEM ? GR_OK : st);
    if (st == GR_ENOMEM)
        gr_db_close(db);
    if (rc == EXIT_OK && (run.failed || (st == GR_OK && !run.reports)))
        rc = EXIT_INPUT;
done:
    gr_terms_free(t);
    return rc;
}

/* ---- targets --------------------------------------------------------------------------------- */

static const char targets_help[] =
    "usage: govreport targets --indicator ID [--kind growth|amount|share] [--level LEVEL]\n"
    "                         [--region CODE|NAME] [--years FROM-TO] [--tolerance 0.5]\n"
    "                         [--format csv|jsonl|table] [--bom] [--db FILE]\n"
    "\n"
    "Each report's target for the indicator beside the result the next year's report states, with\n"
    "the gap (result - target) and a verdict. The rule, printed with every row:\n"
    "  左右 (about)     met when |result - target| <= tolerance (default 0.5, in the target's unit);\n"
    "                   above that band 'exceeded', below it 'missed'\n"
    "  以上 (min), a plain figure, or a range   met when result >= target (the range's low end)\n"
    "  以内 (max)       met when result <= target (the range's top)\n"
    "For a ceiling indicator (data/indicators.tsv: CPI, unemployment rates, the deficit ratio, energy\n"
    "and carbon intensity, pollutants, PM2.5) a target is a cap or a cut: met when result <= target\n"
    "(左右: <= target + tolerance), else 'missed'.\n"
    "A report whose plan part names the indicator without a figure (与经济增长同步, no growth target)\n"
    "says 'no numeric target', one that does not name it 'no target stated'; a target whose year no\n"
    "later report reviews says 'no result yet', one reviewed without the figure 'no result stated'.\n"
    "Default --kind: the indicator's (govreport indicators).\n";

static int cmd_targets(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    gr_targets_opts to = {NULL, NULL, NULL, NULL, 0, 0, 0.5};
    for (int i = 1; i < argc; i++) {
        int r = common_opt("targets", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(targets_help, stdout);
            return EXIT_OK;
        } else if (v && !strcmp(a, "--indicator")) {
            to.indicator = v, i++;
        } else if (v && !strcmp(a, "--kind")) {
            to.kind = v, i++;
        } else if (v && !strcmp(a, "--level")) {
            to.level = v, i++;
        } else if (v && !strcmp(a, "--region")) {
            to.region = v, i++;
        } else if (v && !strcmp(a, "--tolerance")) {
            char *end;
            to.tolerance = strtod(v, &end);
            if (*end || to.tolerance < 0)
                return cli_usage_error("targets", "--tolerance takes a number >= 0");
            i++;
        } else if (v && !strcmp(a, "--years")) {
            if (parse_years(v, &to.year_from, &to.year_to))
                return cli_usage_error("targets", "--years takes YEAR or FROM-TO, e.g. 2015-2026");
            i++;
        } else {
            return cli_usage_error("targets", "unknown option or missing value");
        }
    }
    if (!to.indicator)
        return cli_usage_error("targets", "--indicator is required (e.g. --indicator gdp; the ids: govreport indicators)");
    if (!to.kind)
        to.kind = default_kind(to.indicator);
    if (check_kind_level("targets", to.kind, to.level))
        return EXIT_USAGE;
    gr_db *db = open_db(&c, 1);
    if (!db)
        return EXIT_INPUT;
    int bad = check_indicator("targets", db, to.indicator);
    if (bad) {
        gr_db_close(db);
        return bad;
    }
    return close_read(&c, db, gr_db_targets(db, &to, write_row, &c.out));
}

/* ---- search ---------------------------------------------------------------------------------- */

static const char search_help[] =
    "usage: govreport search QUERY [--region CODE|NAME] [--level LEVEL] [--year PLAN_YEAR]\n"
    "                        [--limit 20] [--format csv|jsonl|table] [--db FILE]\n"
    "\n"
    "Full-text search of report paragraphs (a trigram index, which works for Chinese without word\n"
    "segmentation), best match first (BM25 of the query in the paragraph), with a snippet around each\n"
    "hit. The query is UTF-8 text; ASCII letters match either case.\n"
    "Hits are marked in bold on a terminal and with [ ] otherwise. Queries shorter than three\n"
    "characters are answered by a scan. When search says its index is damaged, govreport ingest\n"
    "--reindex builds it again from the stored text.\n";

static int cmd_search(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    gr_search_opts so = {.limit = 20};
    for (int i = 1; i < argc; i++) {
        int r = common_opt("search", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(search_help, stdout);
            return EXIT_OK;
        } else if (v && !strcmp(a, "--region")) {
            so.region = v, i++;
        } else if (v && !strcmp(a, "--level")) {
            so.level = v, i++;
        } else if (v && !strcmp(a, "--year")) {
            so.year = atoi(v), i++;
        } else if (v && !strcmp(a, "--limit")) {
            so.limit = atoi(v), i++;
        } else if (a[0] == '-' && a[1]) {
            return cli_usage_error("search", "unknown option or missing value");
        } else if (!so.query) {
            so.query = a;
        } else {
            return cli_usage_error("search", "one query at a time (quote a phrase with spaces)");
        }
    }
    if (!so.query)
        return cli_usage_error("search", "no query given");
    int tty = c.out.format == R_TABLE;
    so.mark_open = tty ? "\033[1;31m" : "[";
    so.mark_close = tty ? "\033[0m" : "]";
    gr_db *db = open_db(&c, 1);
    if (!db)
        return EXIT_INPUT;
    gr_status st = gr_db_search(db, &so, write_row, &c.out);
    if (st == GR_OK && !c.out.rows)
        fprintf(stderr, "govreport: no paragraph matches '%s'\n", so.query);
    return close_read(&c, db, st);
}

/* ---- sql ------------------------------------------------------------------------------------- */

static const char sql_help[] =
    "usage: govreport sql 'SELECT ...' [--format csv|jsonl|table] [--bom] [--db FILE]\n"
    "\n"
    "Runs one read-only SQL statement on the corpus database. Tables: documents, alternates, sources,\n"
    "paragraphs, para_text (the text, by paragraph), facts, comments, regions, indicators,\n"
    "indicator_names, text_index, text_segments, text_unindexed (search's index), meta; views\n"
    "document_text (a document's whole text) and fact_sentences (see the README).\n";

static int cmd_sql(int argc, char **argv)
{
    struct common c;
    common_init(&c);
    const char *sql = NULL;
    for (int i = 1; i < argc; i++) {
        int r = common_opt("sql", argc, argv, &i, &c);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(sql_help, stdout);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_usage_error("sql", "unknown option");
        } else if (!sql) {
            sql = argv[i];
        } else {
            return cli_usage_error("sql", "one statement at a time");
        }
    }
    if (!sql)
        return cli_usage_error("sql", "no statement given");
    gr_db *db = open_db(&c, 1);
    if (!db)
        return EXIT_INPUT;
    return close_read(&c, db, gr_db_query(db, sql, write_row, &c.out));
}

int cmd_store(const char *cmd, int argc, char **argv)
{
    if (!strcmp(cmd, "ingest"))
        return cmd_ingest(argc, argv);
    if (!strcmp(cmd, "panel"))
        return cmd_panel(argc, argv);
    if (!strcmp(cmd, "targets"))
        return cmd_targets(argc, argv);
    if (!strcmp(cmd, "search"))
        return cmd_search(argc, argv);
    if (!strcmp(cmd, "sql"))
        return cmd_sql(argc, argv);
    if (!strcmp(cmd, "terms"))
        return cmd_terms(argc, argv);
    if (!strcmp(cmd, "indicators"))
        return cmd_indicators(argc, argv);
    return -1;
}
