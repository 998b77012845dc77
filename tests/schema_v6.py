#!/usr/bin/env python3
"""Takes a govreport database back to schema version 6 (before "one copy of the text"), as a build
of that time wrote it, so that the tests can migrate it forward: sources with the original bytes
as they were and the normalized text beside them, the trigram index with its own copy of the text
and doc_id, para columns, each fact's sentence in facts.sentence; no para_text, no codecs.
With --to 7, back to schema 7 only (before govreport's own trigram index and facts.pick): FTS5's
trigram index over para_text (external content, detail=none) instead of text_index and its
tables, and no mark on the facts that stand for a region and year. With --to 8, back to schema 8
only (before each text's map to its input, text_maps).

usage: schema_v6.py DB [--to 7|8]
"""
import sqlite3
import subprocess
import sys
import zlib

c = sqlite3.connect(sys.argv[1])
# schema 9 -> 8: no map from a text to its input
c.executescript("DROP TABLE IF EXISTS text_maps; PRAGMA user_version = 8;")
c.commit()
if sys.argv[2:] == ["--to", "8"]:
    sys.exit(0)
# schema 8 -> 7: FTS5's index in place of ours
c.executescript("""
DROP TABLE IF EXISTS text_index; DROP TABLE IF EXISTS text_segments; DROP TABLE IF EXISTS text_unindexed;
DELETE FROM meta WHERE key = 'para_next';
DROP INDEX facts_indicator; DROP INDEX facts_picked; ALTER TABLE facts DROP COLUMN pick;
CREATE INDEX facts_indicator ON facts(indicator, kind, role, year, period_start, doc_id, unit, value,
  high, base_value, base_unit, approx, metric);
CREATE VIRTUAL TABLE IF NOT EXISTS text_fts USING fts5(text, content='para_text', content_rowid='id',
  tokenize='trigram', detail=none);
INSERT INTO text_fts(rowid, text) SELECT t.id, t.text FROM para_text t JOIN paragraphs p
  ON p.doc_id = t.doc_id AND p.idx = t.idx WHERE p.part != 'boilerplate' ORDER BY t.id;
PRAGMA user_version = 7;
""")
c.commit()
if sys.argv[2:] == ["--to", "7"]:
    sys.exit(0)
texts = {d: t for d, t in c.execute("SELECT doc_id, text FROM document_text")}
sentences = {f: s for f, s in c.execute("SELECT fact_id, sentence FROM fact_sentences")}


def raw(blob, codec):
    if codec == "zstd":  # Python has no zstd of its own: the zstd tool (Debian package zstd)
        return subprocess.run(["zstd", "-dcq"], input=blob, stdout=subprocess.PIPE, check=True).stdout
    return zlib.decompress(blob) if codec == "deflate" else blob


sources = [(d, raw(b, k)) for d, b, k in c.execute("SELECT doc_id, source, codec FROM sources")]
alternates = [(i, raw(b, k)) for i, b, k in c.execute("SELECT id, source, codec FROM alternates")]
indexed = c.execute("SELECT t.doc_id, t.idx, t.text FROM para_text t JOIN paragraphs p ON p.doc_id = t.doc_id "
                    "AND p.idx = t.idx WHERE p.part != 'boilerplate' ORDER BY t.id").fetchall()
c.executescript("""
DROP VIEW document_text; DROP VIEW fact_sentences; DROP TABLE text_fts; DROP TABLE sources; DROP INDEX documents_file;
CREATE TABLE sources(doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  source BLOB NOT NULL, text TEXT NOT NULL);
CREATE VIRTUAL TABLE text_fts USING fts5(text, doc_id UNINDEXED, para UNINDEXED, tokenize='trigram');
ALTER TABLE alternates DROP COLUMN codec; ALTER TABLE alternates DROP COLUMN path;
ALTER TABLE facts ADD COLUMN sentence TEXT;
""")
c.executemany("INSERT INTO sources VALUES(?,?,?)", [(d, b, texts[d]) for d, b in sources])
c.executemany("UPDATE alternates SET source = ? WHERE id = ?", [(b, i) for i, b in alternates])
c.executemany("INSERT INTO text_fts(text, doc_id, para) VALUES(?,?,?)",
              [(t, d, i) for d, i, t in indexed])
c.executemany("UPDATE facts SET sentence = ? WHERE id = ?", [(s, f) for f, s in sentences.items()])
c.executescript("""
ALTER TABLE facts DROP COLUMN sent_start; ALTER TABLE facts DROP COLUMN sent_end;
DROP TABLE para_text;
ALTER TABLE documents DROP COLUMN text_first; ALTER TABLE documents DROP COLUMN text_pieces;
PRAGMA user_version = 6;
""")
c.commit()
