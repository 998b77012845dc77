/* chart.c - one indicator of one region across years as an SVG line chart, drawn on the server:
 * the result of each year as a line with points, the target set for that year as a mark beside it
 * (a band for a range, an arrow for 以上 / 以内). No script: the image is complete as sent, each
 * point carries a <title> with its figure for a hover. */
#define _GNU_SOURCE
#include "web.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 680
#define H 300
#define L 56  /* left margin: the value axis */
#define R 16
#define T 34
#define B 36  /* bottom margin: the year axis */

static double num(const char *s, int *ok)
{
    char *end;
    double v = s ? strtod(s, &end) : 0;
    *ok = s && *s && !*end && isfinite(v);
    return *ok ? v : 0;
}

/* A step of 1, 2 or 5 times a power of ten that cuts span into about n parts. */
static double nice_step(double span, int n)
{
    double raw = span / n, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/* The <svg> element, its background and its title (with the unit) at x. */
static void open_chart(gr_buf *b, int w, int h, int x, const char *title, const char *unit)
{
    gr_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", w, h);
    web_html(b, title);
    gr_buf_printf(b, "\"><rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/><text x=\"%d\" y=\"20\" font-size=\"14\" "
                     "font-weight=\"bold\">", x);
    web_html(b, title);
    if (unit && *unit) {
        gr_buf_adds(b, " (");
        web_html(b, unit);
        gr_buf_adds(b, ")");
    }
    gr_buf_adds(b, "</text>");
}

void web_chart(gr_buf *b, const web_rows *s, const char *title, const char *unit)
{
    int y0 = 0, y1 = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < s->n; i++) {
        int ok, y = atoi(web_get(s, i, "year") ? web_get(s, i, "year") : "0");
        const char *cols[] = {"target", "target_high", "result"};
        for (int c = 0; c < 3; c++) {
            double v = num(web_get(s, i, cols[c]), &ok);
            if (!ok)
                continue;
            lo = v < lo ? v : lo, hi = v > hi ? v : hi;
            if (!y0 || y < y0)
                y0 = y;
            if (y > y1)
                y1 = y;
        }
    }
    open_chart(b, W, H, L, title, unit);
    if (!y0) {
        gr_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\">No figures for this indicator here.</text></svg>", L, H / 2);
        return;
    }
    if (lo == hi)
        lo -= 1, hi += 1;
    double step = nice_step(hi - lo, 5);
    lo = floor(lo / step) * step, hi = ceil(hi / step) * step;
    if (y1 == y0)
        y0--, y1++;
    /* half a year of room at either end, so that the first and last marks are not cut */
#define X(y) (L + ((double)((y) - y0) + 0.5) * (W - L - R) / (y1 - y0 + 1))
#define Y(v) (T + (hi - (v)) * (H - T - B) / (hi - lo))
    for (double v = lo; v <= hi + step / 2; v += step) {
        gr_buf_printf(b, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/>", L, W - R, Y(v), Y(v));
        gr_buf_printf(b, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%g</text>", L - 6, Y(v) + 4,
                      fabs(v) < step / 1e6 ? 0 : v);
    }
    int every = (y1 - y0) > 14 ? 5 : (y1 - y0) > 7 ? 2 : 1;
    for (int y = y0; y <= y1; y++)
        if ((y - y0) % every == 0)
            gr_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>", X(y), H - B + 18, y);
    /* targets: a band for a range, a tick (with an arrow for 以上 / 以内) otherwise */
    for (size_t i = 0; i < s->n; i++) {
        int ok, okh, y = atoi(web_get(s, i, "year") ? web_get(s, i, "year") : "0");
        double t = num(web_get(s, i, "target"), &ok), th = num(web_get(s, i, "target_high"), &okh);
        if (!ok)
            continue;
        const char *ap = web_get(s, i, "target_approx");
        gr_buf_adds(b, "<g class=\"target\"><title>");
        gr_buf_printf(b, "%d target %g", y, t);
        if (okh)
            gr_buf_printf(b, "–%g", th);
        if (ap && *ap && strcmp(ap, "exact") != 0) {
            gr_buf_adds(b, " (");
            web_html(b, ap);
            gr_buf_adds(b, ")");
        }
        gr_buf_adds(b, "</title>");
        if (okh)
            gr_buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"%.1f\" fill=\"#f0a050\" opacity=\".5\"/>",
                          X(y) - 7, Y(th), Y(t) - Y(th) > 2 ? Y(t) - Y(th) : 2);
        gr_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d9731a\" stroke-width=\"4\"/>",
                      X(y) - 11, X(y) + 11, Y(t), Y(t));
        if (ap && (!strcmp(ap, "min") || !strcmp(ap, "max"))) { /* 以上 points up, 以内 down: 12 px wide */
            int up = !strcmp(ap, "min");
            gr_buf_printf(b, "<path class=\"bound\" d=\"M%.1f %.1fl-6 %dh12z\" fill=\"#d9731a\"/>", X(y), Y(t) + (up ? -5 : 5),
                          up ? 10 : -10);
        }
        gr_buf_adds(b, "</g>");
    }
    /* results: a line through consecutive years that have one (a year without breaks it: no line
     * is drawn across what the library does not know), and a point each */
    int last = 0, open_line = 0;
    for (size_t i = 0; i < s->n; i++) {
        int ok, y = atoi(web_get(s, i, "year") ? web_get(s, i, "year") : "0");
        double r = num(web_get(s, i, "result"), &ok);
        if (!ok)
            continue;
        if (open_line && y != last + 1) {
            gr_buf_adds(b, "\"/>");
            open_line = 0;
        }
        if (!open_line) {
            gr_buf_adds(b, "<polyline class=\"result-line\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" points=\"");
            open_line = 1;
        }
        gr_buf_printf(b, "%.1f,%.1f ", X(y), Y(r));
        last = y;
    }
    if (open_line)
        gr_buf_adds(b, "\"/>");
    for (size_t i = 0; i < s->n; i++) {
        int ok, y = atoi(web_get(s, i, "year") ? web_get(s, i, "year") : "0");
        double r = num(web_get(s, i, "result"), &ok);
        if (ok)
            gr_buf_printf(b, "<circle class=\"result\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#1f5fa8\"><title>%d result %g</title></circle>",
                          X(y), Y(r), y, r);
    }
    gr_buf_printf(b, "<g font-size=\"11\"><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>"
                     "<text x=\"%d\" y=\"%d\">result</text><line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#d9731a\" stroke-width=\"3\"/>"
                     "<text x=\"%d\" y=\"%d\">target</text></g></svg>",
                  W - 200, W - 180, 16, 16, W - 176, 20, W - 110, W - 90, 16, 16, W - 86, 20);
#undef X
#undef Y
}

/* Many regions in one year: a row per region, the target as a mark (a band for a range) and the
 * result as a dot on a shared value axis, the regions in the order given. */
void web_chart_regions(gr_buf *b, const web_rows *s, const char *title, const char *unit)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t rows = 0;
    for (size_t i = 0; i < s->n; i++) {
        int ok, any = 0;
        const char *cols[] = {"target", "target_high", "result"};
        for (int c = 0; c < 3; c++) {
            double v = num(web_get(s, i, cols[c]), &ok);
            if (ok)
                lo = v < lo ? v : lo, hi = v > hi ? v : hi, any = 1;
        }
        rows += any;
    }
    const int row_h = 18, top = 40, left = 110, right = 20, w = 680;
    int h = top + (int)rows * row_h + 30;
    open_chart(b, w, h, left, title, unit);
    if (!rows) {
        gr_buf_printf(b, "<text x=\"%d\" y=\"%d\" font-size=\"13\">No figures for this year.</text></svg>", left, top + 10);
        return;
    }
    if (lo == hi)
        lo -= 1, hi += 1;
    double step = nice_step(hi - lo, 6);
    lo = floor(lo / step) * step, hi = ceil(hi / step) * step;
#define XV(v) (left + ((v) - lo) * (w - left - right) / (hi - lo))
    for (double v = lo; v <= hi + step / 2; v += step)
        gr_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#e3e3e3\"/><text x=\"%.1f\" y=\"%d\" "
                         "font-size=\"11\" text-anchor=\"middle\">%g</text>",
                      XV(v), XV(v), top - 6, h - 26, XV(v), h - 10, fabs(v) < step / 1e6 ? 0 : v);
    int y = top;
    for (size_t i = 0; i < s->n; i++) {
        int okt, okh, okr;
        double t = num(web_get(s, i, "target"), &okt), th = num(web_get(s, i, "target_high"), &okh);
        double r = num(web_get(s, i, "result"), &okr);
        if (!okt && !okr)
            continue;
        gr_buf_adds(b, "<g><title>");
        web_html(b, web_get(s, i, "region"));
        if (okt)
            gr_buf_printf(b, ": target %g", t);
        if (okh)
            gr_buf_printf(b, "–%g", th);
        if (okr)
            gr_buf_printf(b, ", result %g", r);
        gr_buf_printf(b, "</title><text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">", left - 8, y + 13);
        web_html(b, web_get(s, i, "region"));
        gr_buf_adds(b, "</text>");
        if (okh)
            gr_buf_printf(b, "<rect class=\"target\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#f0a050\" opacity=\".5\"/>",
                          XV(t), y + 3, XV(th) - XV(t) > 2 ? XV(th) - XV(t) : 2);
        if (okt)
            gr_buf_printf(b, "<line class=\"target\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#d9731a\" stroke-width=\"3\"/>",
                          XV(t), XV(t), y + 2, y + 16);
        if (okr)
            gr_buf_printf(b, "<circle class=\"result\" cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"#1f5fa8\"/>", XV(r), y + 9);
        gr_buf_adds(b, "</g>");
        y += row_h;
    }
#undef XV
    gr_buf_adds(b, "</svg>");
}
