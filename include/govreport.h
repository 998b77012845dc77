/* govreport.h - the one public header of libgovreport: Chinese government work reports
 * (政府工作报告) from the bytes a user has to a parsed document, its numbers and its indicator facts.
 *
 * Data flows one way: bytes -> text -> document (gr_doc_*) -> quantities (gr_num_*) ->
 * facts (gr_fact_*). Text positions are byte offsets into the document's normalized UTF-8 text
 * (gr_doc_text); gr_doc_source_offset maps any of them back to the input. Strings the library
 * returns are UTF-8 and NUL-terminated and live as long as the handle they came from.
 */
#ifndef GOVREPORT_H
#define GOVREPORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GR_VERSION "0.1.0"

typedef enum {
    GR_OK = 0,
    GR_EINPUT = 1, /* the input is not a readable report: see gr_doc_error */
    GR_ENOMEM = 2, /* an allocation failed; nothing leaked */
    GR_ESTORE = 3  /* the database can take nothing more (disk full, read-only, I/O error, damaged):
                      what was committed before is intact */
} gr_status;

/* ---- documents ---------------------------------------------------------------------------- */

typedef struct gr_doc gr_doc;

typedef enum {
    GR_LEVEL_UNKNOWN = 0,
    GR_LEVEL_NATIONAL,
    GR_LEVEL_PROVINCE,
    GR_LEVEL_CITY,
    GR_LEVEL_COUNTY /* districts and county-level cities too */
} gr_level;

/* The parts of a report, in the order they normally come. */
typedef enum {
    GR_PART_BOILERPLATE = 0, /* site furniture around the report: menus, 来源 lines, footers */
    GR_PART_FRONT,           /* title, meeting line, speaker */
    GR_PART_OPENING,         /* 各位代表 … 现在，我代表…向大会报告工作 */
    GR_PART_REVIEW,          /* last year's work */
    GR_PART_FIVE_YEAR,       /* a five-year review (过去五年, “十四五”时期) */
    GR_PART_PLAN,            /* this year's general requirements and main targets */
    GR_PART_WORK,            /* this year's key tasks (重点工作) */
    GR_PART_FIVE_YEAR_PLAN,  /* the next five years (今后五年, “十五五”) */
    GR_PART_SELF,            /* the government's own building (加强政府自身建设) */
    GR_PART_CLOSING,         /* 各位代表！… 而努力奋斗！ */
    GR_PART_NOTES            /* 名词解释, 注释, numbered notes and appendices after the end */
} gr_part;

typedef struct gr_meta {
    const char *title;         /* NULL when not found (so for every field below) */
    const char *region;        /* official full name: 连州市, 浙江省, 全国 */
    const char *region_code;   /* GB/T 2260, six digits; "000000" for the State Council */
    const char *province_code; /* parents, NULL where none */
    const char *city_code;
    gr_level level;
    const char *meeting;       /* the meeting line as it stands */
    const char *meeting_date;  /* YYYY-MM-DD */
    const char *speaker;       /* the name: 戴少枚 */
    const char *speaker_title; /* the office without region or body: 市长, 代省长, 总理 */
    int review_year, plan_year; /* 0 when not established */
    /* where the region and the years were read (static strings, NULL when not established): the
     * option the user gave ("option"), "meeting line", "title", "crawler header", "speaker",
     * "opening" (我代表容城县人民政府), "body" (the division the body names most: a guess) or, the
     * last resort, "file name"; for the years also "meeting date" and "heading" */
    const char *region_source, *years_source;
} gr_meta;

/* The time a paragraph speaks of, from its part and its words (a five-year review's paragraph on
 * the last year alone is REVIEW_YEAR; a five-year plan's look back at the past five is PAST_FIVE). */
typedef enum {
    GR_SCOPE_NONE = 0,    /* front matter, opening, closing, notes, boilerplate */
    GR_SCOPE_REVIEW_YEAR, /* the year reviewed */
    GR_SCOPE_PAST_FIVE,   /* the past five years */
    GR_SCOPE_PLAN_YEAR,   /* the plan year */
    GR_SCOPE_NEXT_FIVE    /* the next five years */
} gr_scope;

typedef struct gr_para {
    size_t start, len;     /* in gr_doc_text, without the final '\n' */
    gr_part part;
    gr_scope scope;
    int heading;           /* 0, or the heading level: 1 一、  2 （一）  3 1. */
    int section;           /* index of the paragraph that heads its section, or -1 */
    size_t sentence, nsentences; /* its sentences: gr_doc_sentence(sentence .. +nsentences) */
} gr_para;

typedef struct gr_span {
    size_t start, len;
    size_t para;
} gr_span;

/* A note marker in the text (“一降三减”[1], 〔2〕) and the notes paragraph it refers to. */
typedef struct gr_noteref {
    size_t start, len; /* the marker in the text */
    int number;
    long note;         /* index of the note's paragraph (part GR_PART_NOTES), or -1 if none */
} gr_noteref;

/* Parses a report from data[0..len). name (may be NULL) is used to sniff the format by extension
 * and in messages. On GR_OK or GR_EINPUT *out is a handle to free with gr_doc_free (on GR_EINPUT it
 * only carries the error); on GR_ENOMEM *out may be NULL. data may be freed after the call. */
gr_status gr_doc_parse(const void *data, size_t len, const char *name, gr_doc **out);
/* What a user knows of a text that does not say it (a body saved alone, a pasted paragraph): the
 * region (a division's name such as 容城县, or its GB/T 2260 code), the year the report was
 * delivered in (its plan year; the review year is the one before), and for a fragment the part
 * its paragraphs belong to (GR_PART_PLAN, GR_PART_REVIEW, …; GR_PART_BOILERPLATE, 0, to read the
 * parts from the text). Each given field wins over what the text says; the strings need to live
 * only for the call. */
typedef struct gr_doc_hints {
    const char *region;
    int year;
    gr_part part;
} gr_doc_hints;
/* Checks hints before any parse: the region a known division (a name, a former name or a code),
 * the year 1949-2100 or 0, the part one a text can have. 0, or -1 with what is wrong in err. */
int gr_doc_hints_check(const gr_doc_hints *hints, char *err, size_t errlen);
/* The part named by gr_part_name (plan, review, …), or 0 (GR_PART_BOILERPLATE) for none. */
gr_part gr_part_by_name(const char *name);
/* gr_doc_parse with hints (NULL: none). */
gr_status gr_doc_parse_with(const void *data, size_t len, const char *name, const gr_doc_hints *hints,
                            gr_doc **out);
/* As gr_doc_parse, but stops after the text layer: the document has its text and offsets and no
 * metadata, paragraphs or sentences (for callers that need only the text, like a number scan). */
gr_status gr_doc_load_text(const void *data, size_t len, const char *name, gr_doc **out);
void gr_doc_free(gr_doc *doc);
/* 1 when the text reads as a work report (a region, meeting line, speaker or dated title was
 * found), 0 for any other text; gr_doc_parse itself accepts any text. */
int gr_doc_is_report(const gr_doc *doc);
/* 1 when the text is written in traditional characters (繁體), which govreport's tables of
 * divisions and indicators do not name: such a text reads as no report. */
int gr_doc_traditional(const gr_doc *doc);
/* Why parsing failed ("" after success) and the input byte offset of the failure, or -1. */
const char *gr_doc_error(const gr_doc *doc);
long gr_doc_error_offset(const gr_doc *doc);

/* The normalized text, NUL-terminated; its length in *len when len is not NULL. */
const char *gr_doc_text(const gr_doc *doc, size_t *len);
/* The byte offset in the input (for .docx: in word/document.xml) of text offset off (0..len). */
size_t gr_doc_source_offset(const gr_doc *doc, size_t off);
/* The same, faster for offsets asked in increasing order (every number of a text, every fact):
 * *hint keeps the place of the last answer between calls; set it to (size_t)-1 to begin. Any
 * order gives the right answers. */
size_t gr_doc_source_offset_walk(const gr_doc *doc, size_t off, size_t *hint);
const char *gr_doc_format(const gr_doc *doc);   /* "text", "html" or "docx" */
const char *gr_doc_encoding(const gr_doc *doc); /* "UTF-8", "GB18030", "UTF-16LE", ... */
/* The map behind gr_doc_source_offset as bytes, to keep beside the text (malloc'd into *out, its
 * length in *len): with them gr_doc_parse_kept reads the document again without its input.
 * GR_OK or GR_ENOMEM. */
gr_status gr_doc_pack_map(const gr_doc *doc, void **out, size_t *len);
/* gr_doc_parse_with on a text read before, kept as gr_doc_text, gr_doc_pack_map, gr_doc_format and
 * gr_doc_encoding gave it: the same document, offsets in the input included, with no input read
 * again. GR_EINPUT when the map is damaged or the text is not valid UTF-8 (gr_doc_error says which,
 * gr_doc_error_offset where), GR_ENOMEM; *out is always set, for gr_doc_free. */
gr_status gr_doc_parse_kept(const char *text, size_t len, const void *map, size_t maplen, const char *format,
                            const char *encoding, const char *name, const gr_doc_hints *hints, gr_doc **out);
const gr_meta *gr_doc_meta(const gr_doc *doc);
size_t gr_doc_npara(const gr_doc *doc);
const gr_para *gr_doc_para(const gr_doc *doc, size_t i);
size_t gr_doc_nsentence(const gr_doc *doc);
const gr_span *gr_doc_sentence(const gr_doc *doc, size_t i);
size_t gr_doc_nnoteref(const gr_doc *doc);
const gr_noteref *gr_doc_noteref(const gr_doc *doc, size_t i);

const char *gr_level_name(gr_level level); /* "national", ..., "" for unknown */
const char *gr_part_name(gr_part part);    /* "boilerplate", "front", "review", ... */
const char *gr_scope_name(gr_scope scope); /* "", "review_year", "past_five", "plan_year", "next_five" */

/* ---- quantities --------------------------------------------------------------------------- */

typedef enum {
    GR_NUM_QUANTITY = 0, /* a figure */
    GR_NUM_YEAR,         /* 2022年 */
    GR_NUM_DATE,         /* 2月22日, 3月 */
    GR_NUM_ORDINAL,      /* 第十六届, 第三次, 一期, 首批 */
    GR_NUM_RANK,         /* 第163名, 排名第一, 居全国第5位 */
    GR_NUM_NAME,         /* part of a name, slogan or label: “十四五”, 二十大, 三年行动 */
    GR_NUM_IDIOM         /* 百年一遇, 一年来, 一批 */
} gr_num_class;

typedef enum { GR_APPROX_EXACT = 0, GR_APPROX_ABOUT, GR_APPROX_MIN, GR_APPROX_MAX } gr_approx;

typedef struct gr_num {
    size_t start, len;     /* the whole expression in the text, approximation words included */
    size_t vstart, vlen;   /* the numeral itself */
    double value;          /* in `unit` as written: 84.87 for 84.87万剂 */
    double high;           /* the top of a range, when has_high */
    int has_high;
    /* unit, base_unit and reason are made of the lexicon's words and hold no character that JSON
     * escapes (no quote, backslash or control character) */
    char unit[32];         /* as written, magnitude included: 亿元, 万剂, %, 个百分点, 倍; "" if none */
    double base_value;     /* magnitude folded: 8487000 */
    char base_unit[24];    /* 元, 剂, %, ... */
    gr_num_class cls;
    gr_approx approx;
    const char *reason;    /* why it is not a quantity (static string), or "" */
} gr_num;

/* Scans text[0..len) (UTF-8, normalized or not) for numbers. *out is a malloc'd array of *n
 * entries in text order (free with gr_num_free); returns GR_OK or GR_ENOMEM. */
gr_status gr_num_scan(const char *text, size_t len, gr_num **out, size_t *n);
/* As gr_num_scan, for a text with a NUL at text[len] (gr_doc_text's has one): scanned in place,
 * without the copy gr_num_scan makes to put one there. */
gr_status gr_num_scan_nul(const char *text, size_t len, gr_num **out, size_t *n);
void gr_num_free(gr_num *nums);
const char *gr_num_class_name(gr_num_class c);
const char *gr_approx_name(gr_approx a);

/* ---- indicator facts ---------------------------------------------------------------------- */

typedef enum { GR_KIND_AMOUNT = 0, GR_KIND_GROWTH, GR_KIND_SHARE, GR_KIND_RANK } gr_kind;

typedef struct gr_fact {
    const char *metric;    /* the thing measured, expanded: 金融机构存款余额 */
    gr_kind kind;
    double value, high;
    int has_high;
    const char *unit;      /* as written: 亿元, %, 个百分点, 倍, 名 */
    double base_value;     /* magnitude folded (亿元 -> 元), for comparing across reports */
    const char *base_unit;
    int target;            /* 1 for a target, 0 for a result */
    gr_approx approx;
    int year;              /* the year it is about, 0 if unknown */
    int period_start;      /* first year of a multi-year span, or 0 */
    const char *basis;     /* 同比, 可比, 环比, 年均, or NULL */
    int estimate;          /* stated as 预计 */
    const char *indicator; /* canonical id (gdp, cpi, ...) or NULL */
    size_t sentence;       /* index for gr_doc_sentence */
    size_t num_start, num_len; /* the number in the text */
    /* how it was read (extract --explain): the named rule that made it (plain, respectively, …; the
     * table in the README), why its role and its year are what they are, and the words of its clause
     * that the metric was read from (before the peeling of scope and verb words), in the text */
    const char *rule, *why_role, *why_year;
    size_t clause_start, clause_len;
} gr_fact;

typedef struct gr_facts gr_facts;

/* Extracts the indicator facts of doc. *out lives until gr_facts_free and must not outlive doc. */
gr_status gr_fact_extract(const gr_doc *doc, gr_facts **out);
/* The same facts, handed to emit in batches in text order: whenever a sentence ends with `batch` or
 * more facts held, and once at the end with the rest. A batch lives until emit returns, so memory
 * is bound by the batch and the document, not by the document's facts (GR_FACT_BATCH, 4,096 facts,
 * holds about 1 MB). emit returns 0 to go on; any other value stops the extraction, and
 * gr_fact_each returns GR_OK (the caller's arg says why it stopped). GR_ENOMEM when an allocation
 * failed: the batches handed on before are all that was found. */
#define GR_FACT_BATCH 4096
typedef int (*gr_fact_emit)(const gr_facts *batch, void *arg);
gr_status gr_fact_each(const gr_doc *doc, size_t batch, gr_fact_emit emit, void *arg);
size_t gr_facts_count(const gr_facts *facts);
const gr_fact *gr_facts_get(const gr_facts *facts, size_t i);
void gr_facts_free(gr_facts *facts);
const char *gr_kind_name(gr_kind k);
/* A clause (text, len bytes) as the fact grammar tokenizes it, for extract --explain: the tokens
 * separated by blanks, each lexicon word followed by its tags ([lead,tail]) and each number by
 * [number]; NUL-terminated, malloc'd in *out (free it). GR_ENOMEM or GR_OK. */
gr_status gr_fact_tokens(const char *text, size_t len, char **out);

/* ---- terms: how often a report speaks of a topic (src/terms) ------------------------------- */

/* A dictionary of terms, each under a topic, matched through one automaton: leftmost-longest and
 * non-overlapping (环境保护 counts once, not also as 环保), as written (a traditional form matches
 * only if listed; full-width ASCII in a term is folded as the text layer folds it: ＰＭ２.５ = PM2.5). */
typedef struct gr_terms gr_terms;
gr_terms *gr_terms_new(void); /* NULL when out of memory; free with gr_terms_free */
void gr_terms_free(gr_terms *t);
/* Adds term under topic (NULL: "terms"). GR_EINPUT, with the reason in err, for an empty term, one
 * over 255 bytes or with a line break, a topic over 64 bytes or with a tab, a 1,001st topic or
 * 1,000,001st term, or a term already
 * listed under another topic (a match counts once, for one topic); the same term under the same
 * topic again is ignored. */
gr_status gr_terms_add(gr_terms *t, const char *topic, const char *term, char *err, size_t errlen);
/* Adds a dictionary: a bundled one by name (gr_terms_bundled) or a file of one term per line, #
 * comments, blank lines ignored, a line "topic<TAB>term" for a topic of its own; other lines are
 * under the dictionary's name (the file's name without directory and extension). err gets
 * "FILE:LINE: what" on GR_EINPUT; a file that cannot be read is GR_EINPUT too. */
gr_status gr_terms_load(gr_terms *t, const char *name_or_path, char *err, size_t errlen);
/* The same for a dictionary in memory, data[0..len) (UTF-8, no NUL byte), named name (its topic:
 * name without directory and extension; and in messages). */
gr_status gr_terms_read(gr_terms *t, const char *name, const char *data, size_t len, char *err, size_t errlen);
/* The i-th bundled dictionary's name (environment, innovation, ...; NULL past the last); *n, when
 * not NULL, gets how many there are. */
const char *gr_terms_bundled(size_t i, size_t *n);
size_t gr_terms_count(const gr_terms *t);
const char *gr_terms_term(const gr_terms *t, size_t i);
size_t gr_terms_topic_of(const gr_terms *t, size_t i); /* the term's topic index */
size_t gr_terms_ntopics(const gr_terms *t);
const char *gr_terms_topic(const gr_terms *t, size_t k);
/* The longest term s[0..n) starts with: its length in bytes (0: none), its index in *term. */
size_t gr_terms_match(const gr_terms *t, const char *s, size_t n, size_t *term);
/* The next match in s[0..n) from byte *at on (leftmost-longest: walk on from *at + the length):
 * its length (0: none left), its start in *at, its term in *term. */
size_t gr_terms_next(const gr_terms *t, const char *s, size_t n, size_t *at, size_t *term);

/* Which parts count: the body (GR_TERMS_ALL: opening to closing, without front matter, notes and
 * the site's boilerplate), the reviews (REVIEW: the year's and the five years'), the plans (PLAN:
 * targets, tasks, the next five years). */
enum { GR_TERMS_REVIEW = 1u << GR_PART_REVIEW | 1u << GR_PART_FIVE_YEAR,
       GR_TERMS_PLAN = 1u << GR_PART_PLAN | 1u << GR_PART_WORK | 1u << GR_PART_FIVE_YEAR_PLAN,
       GR_TERMS_ALL = GR_TERMS_REVIEW | GR_TERMS_PLAN | 1u << GR_PART_OPENING | 1u << GR_PART_SELF |
                      1u << GR_PART_CLOSING };
typedef struct gr_terms_hit {
    size_t term;         /* index of the term */
    size_t start, len;   /* in gr_doc_text */
    size_t sentence;     /* index of the sentence counted (see gr_terms_body) */
    size_t sentence_start, sentence_len; /* that sentence in gr_doc_text */
} gr_terms_hit;
typedef struct gr_terms_body {
    size_t chars;        /* characters of the parts read, whitespace not counted */
    size_t sentences;    /* sentences of the parts read (a paragraph without any: one) */
} gr_terms_body;
/* The characters of s[0..n) as gr_terms_body counts them: code points, whitespace (ASCII and the
 * ideographic space) not counted. */
size_t gr_terms_chars(const char *s, size_t n);
/* Every match in doc's paragraphs of the parts in mask (bits 1 << gr_part), in text order, to fn
 * (a non-zero return stops the scan); the size of what was read in *body. Never fails. */
void gr_terms_scan(const gr_terms *t, const gr_doc *doc, unsigned mask, gr_terms_body *body,
                   int (*fn)(void *ctx, const gr_terms_hit *hit), void *ctx);

/* ---- the corpus store (SQLite) ------------------------------------------------------------- */

typedef struct gr_db gr_db;

/* Opens (creating and migrating as needed, unless readonly) the corpus database at path. On
 * failure *out (if not NULL) carries the message: read it with gr_db_error, then gr_db_close. */
gr_status gr_db_open(const char *path, int readonly, gr_db **out);
const char *gr_db_error(const gr_db *db);
/* For a process that opens databases from several threads (the web viewer): call once, before
 * any database is opened. Turns off SQLite's memory statistics, a global lock taken around every
 * allocation of every connection. */
void gr_db_threads_init(void);
void gr_db_close(gr_db *db);
/* One read snapshot for several queries (a viewer page's report, paragraphs, facts and comments
 * from the same state, whatever an ingest commits meanwhile; and one lock instead of one per
 * query). gr_db_read_end ends it; a connection holds at most one. */
gr_status gr_db_read_begin(gr_db *db);
void gr_db_read_end(gr_db *db);

typedef struct gr_ingest {
    int added;          /* 1 stored now, 0 already stored (same SHA-256) or kept as an alternate */
    int alternate;      /* 1: the same region and plan year is stored: kept as that document's
                         * alternate source (no facts of its own) */
    int same_text;      /* with alternate: 1 when its text is the document's, byte for byte */
    long long replaced; /* with added: the id of the shorter copy this one took the place of (its
                         * source now this document's alternate, its comments moved here), or 0 */
    const char *stored_as; /* with alternate: the document's file; with replaced: the shorter copy's
                            * (valid until the next ingest) */
    long long doc_id;   /* the document stored, or the one it is an alternate source of */
    size_t facts;
    size_t facts_replaced; /* with replaced: the facts the shorter copy held, gone with it */
    size_t lost;        /* under gr_db_batch: inputs stored before this one that a failed commit
                         * took with it (they were counted as stored) */
    int committed;      /* this input's storing ended with a commit (of it, or of its batch) */
} gr_ingest;

/* Parses, extracts and stores one input in its own transaction: the original bytes, the text,
 * the document tree, the facts. GR_EINPUT (message in gr_db_error) stores nothing. res may be NULL. */
gr_status gr_db_ingest(gr_db *db, const char *file, const void *data, size_t len, gr_ingest *res);
/* gr_db_ingest with what the user knows of the text (gr_doc_hints; NULL: none), stored with the
 * document so that gr_db_reextract reads it the same way. */
gr_status gr_db_ingest_with(gr_db *db, const char *file, const void *data, size_t len, const gr_doc_hints *hints,
                            gr_ingest *res);
/* What gr_db_reextract did. */
typedef struct gr_reextracted {
    size_t docs, facts; /* the documents re-extracted and the facts they have now */
    size_t skipped;     /* documents that could not be read again (the first one's reason in gr_db_error) */
    size_t from_input;  /* of docs, those read from their original bytes (stored before schema 9, which
                         * keeps each text's map to its input; their maps are stored now), not their text */
} gr_reextracted;
/* Re-runs the extractor on the stored reports of an older extractor than this one (all: on every
 * one), replacing their facts in place. A report is read again from its stored text and the map
 * from it to its input, not from its input (kept by a path, the file may be gone). */
gr_status gr_db_reextract(gr_db *db, int all, gr_reextracted *r);
/* After an ingest: writes the text index's last segment, indexes the documents no segment holds
 * (stored before a kill, or too large for a worker), and merges the segments when there are more than
 * eight. GR_OK, or GR_ESTORE when the disk is full (nothing is lost: search reads what is not indexed
 * directly). */
gr_status gr_db_settle(gr_db *db);

/* Builds the text index again from the stored text (after a damaged index: search says so), in
 * segments as ingest writes them; counts the documents indexed. Search stays right meanwhile (it
 * reads documents no segment holds directly). */
gr_status gr_db_reindex(gr_db *db, size_t *docs);

/* How ingest keeps each input's original bytes: a compressed copy in the database (the default), or
 * only the file's absolute path (the file is then read again, and checked by its SHA-256, when they
 * are needed: --reextract, a download of the original). */
typedef enum { GR_KEEP_COPY = 0, GR_KEEP_PATH } gr_keep;
void gr_db_keep_sources(gr_db *db, gr_keep keep);

/* Storing in two steps, for a writer fed by worker threads. gr_db_prepare reads one input (it takes
 * data, malloc'd, and frees it with the result): its SHA-256 looked up through reader (a read-only
 * connection of the worker's own, or NULL), the document parsed, its facts found, its bytes packed
 * as keep says; thread-safe with a reader per thread. A failure is kept in the result and given by
 * gr_db_ingest_prepared, which stores it as gr_db_ingest_with does, on the writer's connection. */
typedef struct gr_prepared gr_prepared;
gr_status gr_db_prepare(gr_db *reader, const char *file, void *data, size_t len, const gr_doc_hints *hints, gr_keep keep,
                        gr_prepared **out);
gr_status gr_db_ingest_prepared(gr_db *db, gr_prepared *p, gr_ingest *res);
void gr_prepared_free(gr_prepared *p);
/* Called by a worker thread that feeds the writer: lowers its own priority (Linux: a thread's own
 * nice) below the writer's, which is what bounds ingest. With as many workers as cores, three
 * threads shared two cores evenly and the writer had two thirds of one; now the workers take what
 * the writer leaves. */
void gr_db_worker_thread(void);
/* Batched commits: from now on a transaction holds up to `docs` inputs, or those of `ms`
 * milliseconds, each under a savepoint of its own (a failed input is undone alone); gr_db_commit
 * commits what is held. A process killed meanwhile loses the inputs since the last commit, never a
 * part of one. docs 0: each input in its own transaction (the default). On a failed commit,
 * *lost (and gr_ingest.lost) is how many stored inputs it took with it. */
void gr_db_batch(gr_db *db, size_t docs, unsigned ms);
gr_status gr_db_commit(gr_db *db, size_t *lost);

/* A result row: column names and values (NULL for SQL NULL). Return non-zero to stop. */
typedef int (*gr_row_fn)(void *ctx, int ncol, const char *const *names, const char *const *values);

/* Runs one read-only SQL statement (anything that would write is refused). */
gr_status gr_db_query(gr_db *db, const char *sql, gr_row_fn fn, void *ctx);

typedef struct gr_panel_opts {
    const char *indicator;  /* canonical id: gdp */
    const char *kind;       /* amount | growth | share | rank */
    const char *role;       /* actual | target */
    const char *level;      /* national | province | city | county, or NULL for all */
    int year_from, year_to; /* 0 for open */
    int with_parents;       /* 1: each row with its city's and province's figure of the same year
                             * (columns city_value, city_unit, city_approx, city_file, province_…);
                             * 2: the parents' own rows among the level's, in code order */
} gr_panel_opts;
/* One row per region and year: the figure the report of that year states (results from the
 * report that reviews the year, targets from the report that plans it). */
gr_status gr_db_panel(gr_db *db, const gr_panel_opts *o, gr_row_fn fn, void *ctx);

/* The stored reports, read again as documents (the text and parts ingest made, with the hints it
 * was given): for `govreport terms` and anything else that measures the text itself. */
typedef struct gr_docs_opts {
    const char *level;      /* national | province | city | county, or NULL for all */
    const char *region;     /* a code or name: that region's reports and its cities' and counties';
                             * NULL: all. A name or code of no division is GR_EINPUT. */
    int year_from, year_to; /* the report's year (its plan year), 0 for open */
} gr_docs_opts;
typedef struct gr_doc_row {
    long long id;
    const char *region_code, *region, *level, *province_code, *city_code, *file; /* NULL when unknown */
    int year;               /* the year the report was delivered (its plan year), 0 if unknown */
} gr_doc_row;
/* Calls fn with each stored report in region code and year order and its document (both valid
 * for the call only); a non-zero return stops. A stored source that no longer parses is skipped
 * and counted in *skipped (when not NULL). */
gr_status gr_db_each_document(gr_db *db, const gr_docs_opts *o, int (*fn)(void *ctx, const gr_doc_row *row, const gr_doc *doc),
                              void *ctx, size_t *skipped);

typedef struct gr_targets_opts {
    const char *indicator, *kind, *level, *region; /* region: a code or name, or NULL */
    int year_from, year_to;
    double tolerance;       /* |result - target| allowed for 左右 targets, in the unit: 0.5 */
} gr_targets_opts;
/* One row per report and plan year: the target, the result stated a year later, the gap and
 * whether it was met, or why there is nothing to compare (no target stated, no result yet). */
gr_status gr_db_targets(gr_db *db, const gr_targets_opts *o, gr_row_fn fn, void *ctx);

typedef struct gr_search_opts {
    const char *query;
    const char *region, *level; /* region: a code or name; NULL for any */
    int year;                   /* plan year of the report, 0 for any */
    int limit;
    int offset;                 /* hits to skip (paging) */
    const char *mark_open, *mark_close; /* around each hit in the snippet */
} gr_search_opts;
/* Full-text search over report paragraphs (govreport's trigram index, src/store/tri.h), best first,
 * with snippets; each row also carries total, the number of hits before limit and offset. A query
 * that is not UTF-8, and a damaged index (SQLITE_CORRUPT: ingest --reindex mends it), are errors. */
gr_status gr_db_search(gr_db *db, const gr_search_opts *o, gr_row_fn fn, void *ctx);

/* ---- what the web viewer reads and writes (src/store/browse.c) ------------------------------ */

/* One row: documents, regions, facts, comments, first_year, last_year. */
gr_status gr_db_stats(gr_db *db, gr_row_fn fn, void *ctx);

typedef struct gr_reports_opts {
    const char *level;    /* national | province | city | county, or NULL */
    const char *province; /* a province code: it and every division in it; or NULL */
    const char *region;   /* one region code, or NULL */
    int year;             /* plan year (the year the report was delivered), 0 for any */
    const char *order;    /* "latest" (newest first), else by region code then year */
    int limit;            /* 0 for all */
} gr_reports_opts;
/* One row per stored report (region_code NULL when its region is no known division): id, region_code, region, level,
 * province_code, city_code, year, review_year, meeting_date, speaker, speaker_title, title, file,
 * format, encoding, sha256, extractor_version, facts, comments. */
gr_status gr_db_reports(gr_db *db, const gr_reports_opts *o, gr_row_fn fn, void *ctx);
/* The divisions that have reports: code, name, level, province_code, city_code, reports, years
 * (comma-separated, ascending); of one level, and with province a province's or a city's code,
 * that division and those in it. */
gr_status gr_db_report_regions(gr_db *db, const char *level, const char *province, gr_row_fn fn, void *ctx);
/* The report of region_code delivered in year (the newest if several): gr_db_reports' columns, text,
 * province_name and province_reports (1 when the library has reports of its province). */
gr_status gr_db_report(gr_db *db, const char *region_code, int year, gr_row_fn fn, void *ctx);
/* The same for a document id (for reports whose region is no known division). */
gr_status gr_db_report_id(gr_db *db, long long id, gr_row_fn fn, void *ctx);
/* A report's paragraphs: idx, part, heading, section, start, end (in the text), src_start, src_end. */
gr_status gr_db_report_paragraphs(gr_db *db, long long doc, gr_row_fn fn, void *ctx);
/* A report's facts in text order: id, metric, indicator, kind, value, high, unit, role, approx,
 * year, period_start, basis, estimate, para, text_start, text_end, start, end, sentence. */
gr_status gr_db_report_facts(gr_db *db, long long doc, gr_row_fn fn, void *ctx);
/* The same facts with what a report page shows of each: id, metric, indicator, kind, value, high,
 * unit, role, approx, year, period_start, text_start, text_end. */
gr_status gr_db_report_figures(gr_db *db, long long doc, gr_row_fn fn, void *ctx);
/* A report's comments, oldest first: id, fact_id, fact_at (where the figure's number stands in the
 * text), fact_label, name, body, created_at. */
gr_status gr_db_comments(gr_db *db, long long doc, gr_row_fn fn, void *ctx);
/* A report's alternate sources (the other files of its region and plan year), first stored first:
 * file, format, encoding, chars, same_text (1 when the text is the document's), ingested_at. */
gr_status gr_db_alternates(gr_db *db, long long doc, gr_row_fn fn, void *ctx);
/* The canonical indicators: id, name, unit_family, facts (how many facts carry it). */
gr_status gr_db_indicator_list(gr_db *db, gr_row_fn fn, void *ctx);
/* The same ids and names alone, in data/indicators.tsv's order, without counting facts: what a
 * command checks its --indicator against. */
gr_status gr_db_indicator_names(gr_db *db, gr_row_fn fn, void *ctx);
/* A copy of a report's original bytes (free it) and its format ("text", "html", "docx"). */
gr_status gr_db_source(gr_db *db, long long doc, void **data, size_t *len, char *format, size_t formatlen);
/* Stores a reader's comment on report doc, or on its figure whose number starts at byte fact_at of
 * the document's text (-1: the report as a whole). GR_EINPUT when there is no such document or
 * figure. */
gr_status gr_db_add_comment(gr_db *db, long long doc, long long fact_at, const char *name, const char *body,
                            long long *id);

#ifdef __cplusplus
}
#endif
#endif
