/* test_corpus.c - every report in ../shared parses with the metadata its MANIFEST.tsv and the gold
 * files state, and the raw .docx and GBK originals give the same metadata and paragraphs as their
 * UTF-8 copies, and every one read back from its kept text and map (as the store keeps it) as from
 * its input; a report refused as no work report is a failure; every region's code is the one
 * the committed tables give its MANIFEST name. Exits 77 (skipped) with a message when ../shared is absent. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "govreport.h"

static int failures, codes;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    *len = fread(b, 1, (size_t)n, f);
    b[*len] = 0;
    fclose(f);
    return b;
}

static gr_doc *parse(const char *path)
{
    size_t len;
    char *b = slurp(path, &len);
    if (!b) {
        printf("FAIL %s: cannot read\n", path);
        failures++;
        return NULL;
    }
    gr_doc *d;
    gr_status st = gr_doc_parse(b, len, path, &d);
    free(b);
    if (st != GR_OK) {
        printf("FAIL %s: %s\n", path, gr_doc_error(d));
        gr_doc_free(d);
        failures++;
        return NULL;
    }
    if (!gr_doc_is_report(d)) { /* what extract and ingest would refuse: a failure, not a skip */
        printf("FAIL %s: refused as not a work report\n", path);
        failures++;
    }
    return d;
}

static void expect(const char *file, const char *field, const char *want, const char *got)
{
    if (!got || strcmp(want, got)) {
        printf("FAIL %s: %s: want %s, got %s\n", file, field, want, got ? got : "(none)");
        failures++;
    }
}

static void expect_int(const char *file, const char *field, int want, int got)
{
    char a[16], b[16];
    snprintf(a, sizeof a, "%d", want);
    snprintf(b, sizeof b, "%d", got);
    expect(file, field, a, b);
}

/* the gold files' meta: a tiny reader for the one flat JSON object we need */
static void gold_meta(const char *gold_path)
{
    size_t len;
    char *g = slurp(gold_path, &len);
    if (!g)
        return;
    char *nl = strchr(g, '\n');
    if (nl)
        *nl = 0;
    char file[256], path[512];
    char *p = strstr(g, "\"file\": \"");
    if (!p || sscanf(p + 9, "%255[^\"]", file) != 1) {
        free(g);
        return;
    }
    snprintf(path, sizeof path, "%s/%s", SHARED_DIR, file);
    gr_doc *d = parse(path);
    if (d) {
        const gr_meta *m = gr_doc_meta(d);
        static const char *const fields[] = {"region", "region_code", "level", "meeting_date",
                                             "speaker", "speaker_title", NULL};
        const char *got[] = {m->region, m->region_code, gr_level_name(m->level), m->meeting_date,
                             m->speaker, m->speaker_title};
        for (int i = 0; fields[i]; i++) {
            char key[64], val[128];
            snprintf(key, sizeof key, "\"%s\": \"", fields[i]);
            char *q = strstr(g, key);
            if (q && sscanf(q + strlen(key), "%127[^\"]", val) == 1)
                expect(file, fields[i], val, got[i]);
        }
        char *q = strstr(g, "\"review_year\": ");
        if (q)
            expect_int(file, "review_year", atoi(q + 15), m->review_year);
        q = strstr(g, "\"plan_year\": ");
        if (q)
            expect_int(file, "plan_year", atoi(q + 13), m->plan_year);
        gr_doc_free(d);
    }
    free(g);
}

/* ---- the code a MANIFEST region should get, from the committed tables (data/regions.tsv and
 * data/region_changes.tsv), not from the library's lookups ------------------------------------- */

struct row {
    char code[8], name[64], province[8], city[8];
};
static struct row *rows;
static size_t nrows;

static void load_rows(void)
{
    static const char *const files[] = {DATA_DIR "/regions.tsv", DATA_DIR "/region_changes.tsv"};
    for (int f = 0; f < 2; f++) {
        size_t len;
        char *t = slurp(files[f], &len);
        if (!t) {
            printf("FAIL %s: cannot read\n", files[f]);
            failures++;
            continue;
        }
        for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
            struct row r = {0};
            char c1[8], c2[8], name[64], x[64];
            if (f == 0 && sscanf(line, "%7[0-9]\t%63[^\t]\t%63[^\t]\t%7[0-9]\t%7[0-9]", r.code, r.name, x, r.province, r.city) >= 3) {
            } else if (f == 1 && sscanf(line, "%7[0-9]\t%63[^\t]\t%7[0-9]", c1, name, c2) == 3) {
                /* a former name: the current code, the parents of the current division */
                for (size_t i = 0; i < nrows; i++)
                    if (!strcmp(rows[i].code, c2))
                        r = rows[i];
                snprintf(r.name, sizeof r.name, "%s", name);
            } else {
                continue;
            }
            rows = realloc(rows, (nrows + 1) * sizeof *rows);
            rows[nrows++] = r;
        }
        free(t);
    }
}

static const char *name_of(const char *code)
{
    for (size_t i = 0; i < nrows && code[0]; i++)
        if (!strcmp(rows[i].code, code))
            return rows[i].name;
    return "";
}

/* The code of MANIFEST's region (河北省保定市满城区, 广东省, 呼伦贝尔市海拉尔区): the division whose
 * name ends it and whose province and city names, where they are written, come before. */
static const char *manifest_code(const char *region)
{
    size_t rl = strlen(region);
    for (size_t i = 0; i < nrows; i++) {
        size_t nl = strlen(rows[i].name);
        if (nl > rl || strcmp(region + rl - nl, rows[i].name))
            continue;
        char path[256];
        const char *prov = rows[i].province[0] && strcmp(rows[i].province, rows[i].code) ? name_of(rows[i].province) : "";
        const char *city = rows[i].city[0] && strcmp(rows[i].city, rows[i].code) ? name_of(rows[i].city) : "";
        snprintf(path, sizeof path, "%s%s%s", prov, city, rows[i].name);
        size_t pl = strlen(path);
        if (!strcmp(path, region) || (pl >= rl && !strcmp(path + pl - rl, region)))
            return rows[i].code;
    }
    return NULL;
}

static int same_paragraphs(const char *name, gr_doc *a, gr_doc *b)
{
    const char *ta = gr_doc_text(a, NULL), *tb = gr_doc_text(b, NULL);
    size_t i = 0, j = 0, na = gr_doc_npara(a), nb = gr_doc_npara(b);
    for (; i < na && j < nb; i++, j++) {
        const gr_para *pa = gr_doc_para(a, i), *pb = gr_doc_para(b, j);
        if (pa->len != pb->len || memcmp(ta + pa->start, tb + pb->start, pa->len)) {
            printf("FAIL %s: paragraph %zu differs: \"%.60s\" vs \"%.60s\"\n", name, i, ta + pa->start,
                   tb + pb->start);
            failures++;
            return 0;
        }
    }
    if (i != na || j != nb) {
        printf("FAIL %s: %zu vs %zu paragraphs\n", name, na, nb);
        failures++;
        return 0;
    }
    return 1;
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* A report read back from what the store keeps of it (its text, its map packed, its format and
 * encoding) is the report read from its input: the same offsets in the input at every byte of the
 * text, the same metadata, paragraphs and sentences, the same facts at the same places. */
static int kept_docs;
static void check_kept(const char *path, gr_doc *d)
{
    size_t len;
    const char *text = gr_doc_text(d, &len);
    void *map;
    size_t maplen;
    gr_doc *k = NULL;
    if (gr_doc_pack_map(d, &map, &maplen) != GR_OK ||
        gr_doc_parse_kept(text, len, map, maplen, gr_doc_format(d), gr_doc_encoding(d), path, NULL, &k) != GR_OK) {
        printf("FAIL %s: not read back from its kept text: %s\n", path, k ? gr_doc_error(k) : "out of memory");
        failures++;
        free(map);
        gr_doc_free(k);
        return;
    }
    free(map);
    kept_docs++;
    size_t ha = (size_t)-1, hb = (size_t)-1;
    for (size_t i = 0; i <= len; i++)
        if (gr_doc_source_offset_walk(d, i, &ha) != gr_doc_source_offset_walk(k, i, &hb)) {
            printf("FAIL %s: kept text: text offset %zu maps to input offset %zu, not %zu\n", path, i,
                   gr_doc_source_offset(k, i), gr_doc_source_offset(d, i));
            failures++;
            break;
        }
    const gr_meta *a = gr_doc_meta(d), *b = gr_doc_meta(k);
    if (!same_str(a->region_code, b->region_code) || !same_str(a->meeting_date, b->meeting_date) ||
        !same_str(a->speaker, b->speaker) || a->review_year != b->review_year || a->plan_year != b->plan_year ||
        strcmp(gr_doc_format(d), gr_doc_format(k)) || strcmp(gr_doc_encoding(d), gr_doc_encoding(k))) {
        printf("FAIL %s: kept text: other metadata\n", path);
        failures++;
    }
    if (same_paragraphs(path, d, k)) {
        for (size_t i = 0; i < gr_doc_npara(d); i++)
            if (gr_doc_para(d, i)->part != gr_doc_para(k, i)->part || gr_doc_para(d, i)->section != gr_doc_para(k, i)->section) {
                printf("FAIL %s: kept text: paragraph %zu in another part or section\n", path, i);
                failures++;
                break;
            }
    }
    gr_facts *fa = NULL, *fb = NULL;
    if (gr_fact_extract(d, &fa) != GR_OK || gr_fact_extract(k, &fb) != GR_OK) {
        printf("FAIL %s: kept text: facts not extracted\n", path);
        failures++;
    } else if (gr_facts_count(fa) != gr_facts_count(fb)) {
        printf("FAIL %s: kept text: %zu facts, not %zu\n", path, gr_facts_count(fb), gr_facts_count(fa));
        failures++;
    } else {
        for (size_t i = 0; i < gr_facts_count(fa); i++) {
            const gr_fact *x = gr_facts_get(fa, i), *y = gr_facts_get(fb, i);
            if (x->num_start != y->num_start || x->value != y->value || strcmp(x->metric, y->metric) ||
                x->year != y->year || x->target != y->target ||
                gr_doc_source_offset(d, x->num_start) != gr_doc_source_offset(k, y->num_start)) {
                printf("FAIL %s: kept text: fact %zu (%s) differs\n", path, i, x->metric);
                failures++;
                break;
            }
        }
    }
    gr_facts_free(fa);
    gr_facts_free(fb);
    gr_doc_free(k);
}

/* The boilerplate rule on a scraped report: the body runs from the title or meeting line to the
 * closing call (or the notes after it) without a boilerplate paragraph inside, and no paragraph of
 * site furniture (a menu word, a source or time label, a footer) is left in it. */
static void check_boilerplate(const char *path)
{
    static const char *const furniture[] = {"下载", "打印", "全屏", "收藏", "加大", "减小", "相关报道:",
                                            "打印本页", "关闭窗口", "网站地图", "验证码:", "首页", ">",
                                            "扫一扫在手机打开当前页", NULL};
    static const char *const prefixes[] = {"来源:", "时间:", "本文地址", "留言与评论", "责任编辑", NULL};
    gr_doc *d = parse(path);
    if (!d)
        return;
    const char *t = gr_doc_text(d, NULL);
    size_t np = gr_doc_npara(d), first = np, last = 0, opening = np;
    for (size_t i = 0; i < np; i++) {
        const gr_para *p = gr_doc_para(d, i);
        if (p->part == GR_PART_BOILERPLATE)
            continue;
        if (first == np)
            first = i;
        last = i;
        if (opening == np && p->len >= 12 && !memcmp(t + p->start, "各位代表", 12))
            opening = i;
        for (int k = 0; furniture[k]; k++)
            if (p->len == strlen(furniture[k]) && !memcmp(t + p->start, furniture[k], p->len)) {
                printf("FAIL %s: furniture in the body: %s\n", path, furniture[k]);
                failures++;
            }
        for (int k = 0; prefixes[k]; k++)
            if (p->len >= strlen(prefixes[k]) && !memcmp(t + p->start, prefixes[k], strlen(prefixes[k]))) {
                printf("FAIL %s: furniture in the body: %.40s\n", path, t + p->start);
                failures++;
            }
    }
    const gr_para *fp = gr_doc_para(d, first);
    if (!fp || !(memmem(t + fp->start, fp->len, "政府工作报告", 18) || memmem(t + fp->start, fp->len, "人民代表大会", 18))) {
        printf("FAIL %s: the body does not start at the title or meeting line\n", path);
        failures++;
    }
    for (size_t i = opening; i < last; i++)
        if (gr_doc_para(d, i)->part == GR_PART_BOILERPLATE) {
            const gr_para *p = gr_doc_para(d, i);
            printf("FAIL %s: a body paragraph marked boilerplate: %.60s\n", path, t + p->start);
            failures++;
        }
    const gr_para *lp = gr_doc_para(d, last);
    if (lp->part != GR_PART_CLOSING && lp->part != GR_PART_NOTES && strstr(path, "-2026")) {
        printf("FAIL %s: the body ends in part %s: %.40s\n", path, gr_part_name(lp->part), t + lp->start);
        failures++;
    }
    gr_doc_free(d);
}

int main(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/MANIFEST.tsv", SHARED_DIR);
    struct stat st;
    if (stat(path, &st)) {
        printf("SKIP: %s not found; the corpus tests need ../shared beside the checkout\n", path);
        return 77;
    }
    size_t len;
    load_rows();
    char *man = slurp(path, &len);
    int docs = 0;
    for (char *line = strtok(man, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, "file\t", 5))
            continue;
        char file[256], region[128], level[32];
        int meeting_year, review_year;
        if (sscanf(line, "%255[^\t]\t%127[^\t]\t%31[^\t]\t%d\t%d", file, region, level, &meeting_year,
                   &review_year) != 5)
            continue;
        snprintf(path, sizeof path, "%s/corpus/%s", SHARED_DIR, file);
        gr_doc *d = parse(path);
        if (!d)
            continue;
        docs++;
        check_kept(file, d);
        const gr_meta *m = gr_doc_meta(d);
        expect(file, "level", level, gr_level_name(m->level));
        /* MANIFEST names a county with its city (呼伦贝尔市海拉尔区); the official name is the last */
        size_t rl = strlen(region), ml = m->region ? strlen(m->region) : 0;
        if (!strcmp(level, "national"))
            expect(file, "region_code", "000000", m->region_code);
        else if (!m->region || ml > rl || strcmp(region + rl - ml, m->region))
            expect(file, "region", region, m->region);
        if (strcmp(level, "national")) {
            const char *code = manifest_code(region);
            if (!code) {
                printf("FAIL %s: MANIFEST's region %s is in no table of data/\n", file, region);
                failures++;
            } else {
                expect(file, "region_code", code, m->region_code);
                codes++;
            }
        }
        expect_int(file, "review_year", review_year, m->review_year);
        expect_int(file, "plan_year", meeting_year, m->plan_year);
        /* the raw original, when there is one, reads the same */
        const char *base = strrchr(file, '/') + 1;
        char stem[128];
        snprintf(stem, sizeof stem, "%.*s", (int)(strlen(base) - 4), base);
        const char *exts[] = {".docx", ".txt"};
        for (int e = 0; e < 2; e++) {
            snprintf(path, sizeof path, "%s/corpus/raw/%s%s", SHARED_DIR, stem, exts[e]);
            if (stat(path, &st))
                continue;
            gr_doc *r = parse(path);
            if (!r)
                continue;
            const gr_meta *rm = gr_doc_meta(r);
            expect(path, "region (raw vs copy)", m->region ? m->region : "", rm->region);
            expect(path, "meeting_date (raw vs copy)", m->meeting_date ? m->meeting_date : "", rm->meeting_date ? rm->meeting_date : "");
            expect_int(path, "review_year (raw vs copy)", m->review_year, rm->review_year);
            same_paragraphs(path, d, r);
            check_kept(path, r);
            gr_doc_free(r);
        }
        gr_doc_free(d);
    }
    free(man);
    free(rows);
    snprintf(path, sizeof path, "%s/facts/gold/dev", SHARED_DIR);
    const char *golds[] = {"guangdong-2025", "hailar-2016", "hubei-2025", "lianzhou-2023", "national-2023",
                           "zhejiang-2026", NULL};
    for (int i = 0; golds[i]; i++) {
        snprintf(path, sizeof path, "%s/facts/gold/dev/%s.jsonl", SHARED_DIR, golds[i]);
        gold_meta(path);
    }
    const char *scrapes[] = {"anhui", "beijing", "chongqing", "fujian", "gansu", "guangdong", "guangxi",
                             "guizhou", "hainan", "hebei", "heilongjiang", "henan", "hubei", "hunan",
                             "jiangsu", "jiangxi", "jilin", "liaoning", "neimenggu", "ningxia", "qinghai",
                             "shaanxi", "shandong", "shanghai", "shanxi", "sichuan", "tianjin", "xinjiang",
                             "xizang", "yunnan", "zhejiang", NULL};
    for (int i = 0; scrapes[i]; i++) {
        snprintf(path, sizeof path, "%s/corpus/reports/province/%s-2026.txt", SHARED_DIR, scrapes[i]);
        check_boilerplate(path);
    }
    snprintf(path, sizeof path, "%s/seed/lianzhou-2023.txt", SHARED_DIR);
    check_boilerplate(path);
    printf("%d reports checked (%d region codes, %d read back from their kept text), %d failures\n", docs, codes,
           kept_docs, failures);
    return failures ? 1 : 0;
}
