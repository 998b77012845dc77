/* test_doc.c - the document layer on hand-written reports: metadata variants (meeting line split
 * over two lines, dates in Chinese numerals, speaker forms), parts and headings, boilerplate around
 * the report, note markers linked to their notes. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "govreport.h"

static gr_doc *parse(const char *text)
{
    gr_doc *d;
    assert_int_equal(gr_doc_parse(text, strlen(text), NULL, &d), GR_OK);
    return d;
}

static const char *para_text(const gr_doc *d, size_t i, char *buf, size_t cap)
{
    const gr_para *p = gr_doc_para(d, i);
    size_t n = p->len < cap - 1 ? p->len : cap - 1;
    memcpy(buf, gr_doc_text(d, NULL) + p->start, n);
    buf[n] = 0;
    return buf;
}

static void test_meeting_split_and_speaker(void **state)
{
    (void)state;
    gr_doc *d = parse("政 府 工 作 报 告\n\n  ——2023年2月22日在连州市第十六届\n\n  人民代表大会第三次会议上\n\n"
                      "  市长 戴少枚\n\n  各位代表:\n\n  现在,我代表市人民政府向大会报告工作。\n\n  2022年工作回顾\n");
    const gr_meta *m = gr_doc_meta(d);
    assert_string_equal(m->title, "政府工作报告");
    assert_string_equal(m->meeting_date, "2023-02-22");
    assert_string_equal(m->region, "连州市");
    assert_string_equal(m->region_code, "441882");
    assert_int_equal(m->level, GR_LEVEL_COUNTY);
    assert_string_equal(m->province_code, "440000");
    assert_string_equal(m->city_code, "441800");
    assert_string_equal(m->speaker, "戴少枚");
    assert_string_equal(m->speaker_title, "市长");
    assert_int_equal(m->review_year, 2022);
    assert_int_equal(m->plan_year, 2023);
    gr_doc_free(d);
}

static void test_speaker_forms(void **state)
{
    (void)state;
    static const struct { const char *text, *name, *title, *code; } cases[] = {
        {"2025年湖北省政府工作报告\n2025年1月16日在湖北省第十四届人民代表大会第三次会议上湖北省人民政府代省长李殿勋作政府工作报告\n各位代表：\n",
         "李殿勋", "代省长", "420000"},
        {"政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n甘肃省省长 任振鹤\n各位代表：\n",
         "任振鹤", "省长", "620000"},
        {"政府工作报告\n——2025年1月14日海南省省长 刘小明在海南省第七届人民代表大会第四次会议上的讲话\n各位代表：\n",
         "刘小明", "省长", "460000"},
        {"政府工作报告\n----2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告\n各位代表：\n",
         "龚正", "市长", "310000"},
        {"政府工作报告\n——2014年3月5日在第十二届全国人民代表大会第二次会议上\n国务院总理?李克强\n各位代表：\n",
         "李克强", "总理", "000000"},
        {"政府工作报告\n——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上\n呼伦贝尔市海拉尔区人民政府代区长  萨国文\n各位代表：\n",
         "萨国文", "代区长", "150702"},
        {"上海市市长　应勇 各位代表：    现在，我代表上海市人民政府，向大会报告工作。    一、2019年工作回顾    过去一年很不平凡。\n",
         "应勇", "市长", "310000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gr_doc *d = parse(cases[i].text);
        const gr_meta *m = gr_doc_meta(d);
        assert_non_null(m->speaker);
        assert_string_equal(m->speaker, cases[i].name);
        assert_string_equal(m->speaker_title, cases[i].title);
        assert_string_equal(m->region_code, cases[i].code);
        gr_doc_free(d);
    }
}

static void test_parts_and_boilerplate(void **state)
{
    (void)state;
    gr_doc *d = parse("下载\n打印\n【字号：\n加大\n】\n2024年某省政府工作报告\n——2024年1月20日在安徽省第十四届人民代表大会第二次会议上\n"
                      "来源：某日报\n时间：2024-01-28\n省长 王某某\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n"
                      "一、2023年工作回顾\n全省生产总值增长5.8%。\n（一）产业发展。新建项目12个。\n二、2024年工作总体要求和主要预期目标\n"
                      "生产总值增长5.5%左右。\n三、2024年重点工作\n（一）扩大投资。\n四、加强政府自身建设\n坚持依法行政。\n"
                      "各位代表！让我们团结奋斗！\n名词解释\n1.某某工程：一项工程。\n相关报道：\n打印本页\n");
    static const gr_part want[] = {GR_PART_BOILERPLATE, GR_PART_BOILERPLATE, GR_PART_BOILERPLATE,
                                   GR_PART_BOILERPLATE, GR_PART_BOILERPLATE, GR_PART_FRONT, GR_PART_FRONT,
                                   GR_PART_BOILERPLATE, GR_PART_BOILERPLATE, GR_PART_FRONT, GR_PART_OPENING,
                                   GR_PART_OPENING, GR_PART_REVIEW, GR_PART_REVIEW, GR_PART_REVIEW,
                                   GR_PART_PLAN, GR_PART_PLAN, GR_PART_WORK, GR_PART_WORK, GR_PART_SELF,
                                   GR_PART_SELF, GR_PART_CLOSING, GR_PART_NOTES, GR_PART_NOTES,
                                   GR_PART_BOILERPLATE, GR_PART_BOILERPLATE};
    assert_int_equal(gr_doc_npara(d), sizeof want / sizeof want[0]);
    char buf[200];
    for (size_t i = 0; i < gr_doc_npara(d); i++)
        if (gr_doc_para(d, i)->part != want[i])
            fail_msg("paragraph %zu (%s): part %s, want %s", i, para_text(d, i, buf, sizeof buf),
                     gr_part_name(gr_doc_para(d, i)->part), gr_part_name(want[i]));
    assert_int_equal(gr_doc_para(d, 12)->heading, 1);
    assert_int_equal(gr_doc_para(d, 14)->heading, 2);
    assert_int_equal(gr_doc_para(d, 14)->section, 12);
    assert_int_equal(gr_doc_para(d, 13)->section, 12);
    /* sentences: 。 and ; end them */
    const gr_para *p = gr_doc_para(d, 14);
    assert_int_equal(p->nsentences, 2);
    gr_doc_free(d);
}

static void test_note_markers(void **state)
{
    (void)state;
    gr_doc *d = parse("政府工作报告\n——2026年1月27日在海南省第七届人民代表大会第五次会议上\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n"
                      "一、2025年工作回顾\n呈现“一降三减”［1］良好态势，“五互一共”〔2〕模式成型。\n各位代表！让我们团结奋斗！\n注释\n"
                      "［1］一降三减：\n指一种态势。\n［2］五互一共：\n指一种模式。\n");
    assert_int_equal(gr_doc_nnoteref(d), 2);
    const gr_noteref *r = gr_doc_noteref(d, 0);
    assert_int_equal(r->number, 1);
    assert_true(r->note >= 0);
    char buf[200];
    assert_string_equal(para_text(d, (size_t)r->note, buf, sizeof buf), "[1]一降三减:");
    r = gr_doc_noteref(d, 1);
    assert_int_equal(r->number, 2);
    assert_string_equal(para_text(d, (size_t)r->note, buf, sizeof buf), "[2]五互一共:");
    gr_doc_free(d);
}

static void test_not_a_report(void **state)
{
    (void)state;
    gr_doc *d = parse("这是一段普通的文字，与政府工作无关。\n");
    assert_int_equal(gr_doc_is_report(d), 0);
    gr_doc_free(d);
}

/* ---- reports as they are found: fixtures written for this project, one for each form ----------- */

static gr_doc *parse_named(const char *text, const char *name, const gr_doc_hints *h)
{
    gr_doc *d;
    assert_int_equal(gr_doc_parse_with(text, strlen(text), name, h, &d), GR_OK);
    return d;
}

/* the text of the first paragraph that holds needle, or NULL */
static const gr_para *para_with(const gr_doc *d, const char *needle)
{
    const char *t = gr_doc_text(d, NULL);
    for (size_t i = 0; i < gr_doc_npara(d); i++) {
        const gr_para *p = gr_doc_para(d, i);
        if (memmem(t + p->start, p->len, needle, strlen(needle)))
            return p;
    }
    return NULL;
}

static void test_meeting_line_forms(void **state)
{
    (void)state;
    static const struct { const char *text, *code, *date; int plan; } cases[] = {
        /* in brackets, the county's name after 在 */
        {"政府工作报告\n（2023年2月12日在米易县第十八届人民代表大会第三次会议上）\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n",
         "510421", "2023-02-12", 2023},
        /* no dash, no 第 before the session, a former county's name (徐水县, since 2015 徐水区) */
        {"政府工作报告\n2013年3月10日在徐水县十五届人民代表大会第二次会议上\n各位代表：\n现在，我代表县人民政府报告工作。\n",
         "130609", "2013-03-10", 2013},
        /* a date alone under the title, the region only in the opening */
        {"政府工作报告\n（2008年3月27日）\n各位代表：\n现在，我代表容城县人民政府向大会作工作报告。\n一、2007年工作回顾\n",
         "130629", "2008-03-27", 2008},
        /* the date in Chinese numerals, alone */
        {"政府工作报告\n二〇一二年一月六日\n各位代表：\n现在，我代表容城县人民政府向大会报告工作。\n",
         "130629", "2012-01-06", 2012},
        /* no meeting line at all: the years from the first heading */
        {"各位代表：\n现在，我代表容城县人民政府向大会报告工作。\n一、2014年工作回顾\n全县生产总值增长7%。\n",
         "130629", NULL, 2015},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gr_doc *d = parse(cases[i].text);
        const gr_meta *m = gr_doc_meta(d);
        assert_non_null(m->region_code);
        assert_string_equal(m->region_code, cases[i].code);
        assert_int_equal(m->level, GR_LEVEL_COUNTY);
        if (cases[i].date)
            assert_string_equal(m->meeting_date, cases[i].date);
        else
            assert_null(m->meeting_date);
        assert_int_equal(m->plan_year, cases[i].plan);
        assert_int_equal(m->review_year, cases[i].plan - 1);
        assert_true(gr_doc_is_report(d));
        gr_doc_free(d);
    }
    /* the county keeps the name its report uses, with today's code of the same area */
    gr_doc *d = parse(cases[1].text);
    assert_string_equal(gr_doc_meta(d)->region, "徐水县");
    gr_doc_free(d);
}

static void test_export_artefacts(void **state)
{
    (void)state;
    /* literal \r\n for line ends, &nbsp; in plain text, ?? for a lost full-width space, _M_M_ for % */
    const char *text = "政府工作报告\\r\\n——2024年1月20日在容城县第十届人民代表大会第三次会议上\\r\\n"
                       "容城县人民政府县长??张某某\\r\\n各位代表：\\r\\n现在，我代表县人民政府向大会报告工作。\\r\\n"
                       "一、2023年工作回顾\\r\\n全县生产总值增长6.5_M_M_，区长&nbsp;不在此列。\\r\\n";
    gr_doc *d = parse(text);
    const gr_meta *m = gr_doc_meta(d);
    assert_string_equal(m->region_code, "130629");
    assert_string_equal(m->speaker, "张某某");
    assert_string_equal(m->speaker_title, "县长");
    assert_int_equal(m->plan_year, 2024);
    const gr_para *p = para_with(d, "全县生产总值增长6.5%");
    assert_non_null(p);
    assert_int_equal(p->part, GR_PART_REVIEW);
    assert_non_null(para_with(d, "区长 不在此列"));
    assert_null(para_with(d, "\\r\\n"));
    /* offsets still point into the input: the paragraph starts where its bytes stand */
    const char *at = strstr(text, "全县生产总值");
    assert_int_equal(gr_doc_source_offset(d, p->start), (size_t)(at - text));
    gr_doc_free(d);
    /* one "\n" in a text is no line end (a path, a formula): left as written */
    d = parse("政府工作报告\n2024年1月20日在容城县第十届人民代表大会第三次会议上\n各位代表：\n目录在C:\\new下。\n");
    assert_non_null(para_with(d, "C:\\new"));
    gr_doc_free(d);
}

static void test_site_and_crawler_headers(void **state)
{
    (void)state;
    /* a county-news page: its header labels, the site's summary of the report, then the report */
    gr_doc *d = parse("工作报告\n容城县2022年政府工作报告\n时间：2023-03-30????\t作者：某网????\t来源：政府官网????\t阅读：\n"
                      "294\n评论：\n0\n内容摘要：\n政府工作报告——2022年1月20日在容城县第九届人民代表大会第二次会议上"
                      "各位代表：现在，我代表县人民政府向大会报告工作......\n政府工作报告\n"
                      "——2022年1月20日在容城县第九届人民代表大会第二次会议上\n容城县人民政府县长 王某\n各位代表：\n"
                      "现在，我代表县人民政府向大会报告工作。\n一、2021年工作回顾\n全县生产总值增长6%。\n");
    const gr_meta *m = gr_doc_meta(d);
    assert_string_equal(m->region_code, "130629");
    assert_string_equal(m->meeting_date, "2022-01-20");
    assert_string_equal(m->speaker, "王某");
    assert_int_equal(para_with(d, "内容摘要")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "报告工作......")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "作者:")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "294")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "报告工作。")->part, GR_PART_OPENING);
    gr_doc_free(d);
    /* a crawler's header: evidence, never body text */
    d = parse("标题：某某县2010年政府工作报告\n发文单位：容城县人民政府\n发文时间：2010-01-15\n报告人：容城县人民政府县长 李某某\n"
              "来源URL：http://example.invalid/a.html\n\n正文：\n\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
              "一、过去一年的工作\n全县生产总值增长9%。\n");
    m = gr_doc_meta(d);
    assert_string_equal(m->region_code, "130629");
    assert_string_equal(m->region_source, "crawler header");
    assert_string_equal(m->speaker, "李某某");
    assert_int_equal(m->plan_year, 2010);
    assert_int_equal(para_with(d, "发文单位")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "来源URL")->part, GR_PART_BOILERPLATE);
    gr_doc_free(d);
}

static void test_region_evidence(void **state)
{
    (void)state;
    /* a district named with its city is the district (county level) */
    gr_doc *d = parse("保定市满城区2022年政府工作报告\n各位代表：\n现在，我代表保定市满城区人民政府向大会报告工作。\n");
    assert_string_equal(gr_doc_meta(d)->region_code, "130607");
    assert_int_equal(gr_doc_meta(d)->level, GR_LEVEL_COUNTY);
    gr_doc_free(d);
    /* a meeting line with a bare level word (在县十六届…): the region from the speaker's office */
    d = parse("政府工作报告\n2020年1月13日在县十六届人民代表大会第四次会议上\n容城县人民政府县长 周某\n各位代表：\n");
    assert_string_equal(gr_doc_meta(d)->region_code, "130629");
    assert_string_equal(gr_doc_meta(d)->region_source, "speaker");
    gr_doc_free(d);
    /* a body alone: the division it names, at the level its 全县 says, with its city named too;
     * a word that is also a county's short name (资源) does not count */
    d = parse("一、2018年工作回顾\n全县上下合力攻坚，容城经济稳中有进，保定市考核居前。\n全县资源节约成效明显，容城生产总值增长7%。\n"
              "全县容城新貌初现，雄安新区建设中容城担当。\n");
    assert_string_equal(gr_doc_meta(d)->region_code, "130629");
    assert_string_equal(gr_doc_meta(d)->region_source, "body");
    assert_int_equal(gr_doc_meta(d)->plan_year, 2019);
    gr_doc_free(d);
    /* nothing in the text: the file's name, said so */
    d = parse_named("一、过去一年的工作\n生产总值增长5%。\n", "reports/潜江市_2024.txt", NULL);
    assert_string_equal(gr_doc_meta(d)->region, "潜江市");
    assert_string_equal(gr_doc_meta(d)->region_source, "file name");
    assert_int_equal(gr_doc_meta(d)->plan_year, 2024);
    assert_string_equal(gr_doc_meta(d)->years_source, "file name");
    gr_doc_free(d);
}

static void test_hints_and_fragments(void **state)
{
    (void)state;
    gr_doc_hints h = {"容城县", 2024, GR_PART_PLAN};
    gr_doc *d = parse_named("地区生产总值增长6%左右。\n", "<stdin>", &h);
    const gr_meta *m = gr_doc_meta(d);
    assert_string_equal(m->region_code, "130629");
    assert_string_equal(m->region_source, "option");
    assert_int_equal(m->plan_year, 2024);
    assert_int_equal(m->review_year, 2023);
    assert_int_equal(gr_doc_para(d, 0)->part, GR_PART_PLAN);
    assert_true(gr_doc_is_report(d));
    gr_doc_free(d);
    /* the user's word wins over the text's */
    gr_doc_hints code = {"130607", 0, 0};
    d = parse_named("政府工作报告\n——2023年2月12日在米易县第十八届人民代表大会第三次会议上\n各位代表：\n", NULL, &code);
    assert_string_equal(gr_doc_meta(d)->region, "满城区");
    assert_int_equal(gr_doc_meta(d)->plan_year, 2023);
    gr_doc_free(d);
    char err[200];
    gr_doc_hints bad = {"不存在县", 0, 0}, old = {NULL, 1900, 0}, city = {"保定市满城区", 2020, 0};
    assert_int_equal(gr_doc_hints_check(&bad, err, sizeof err), -1);
    assert_non_null(strstr(err, "不存在县"));
    assert_int_equal(gr_doc_hints_check(&old, err, sizeof err), -1);
    assert_int_equal(gr_doc_hints_check(&city, err, sizeof err), 0);
}

static void test_plan_headings(void **state)
{
    (void)state;
    gr_doc *d = parse("政府工作报告\n——2021年2月5日在容城县第十届人民代表大会第五次会议上\n各位代表：\n"
                      "现在，我代表县人民政府向大会报告工作。\n一、“十三五”时期经济社会发展回顾\n五年来生产总值年均增长6%。\n"
                      "二、“十四五”时期的主要目标任务\n今后五年生产总值年均增长6%。\n三、2021年主要工作\n生产总值增长6%以上。\n"
                      "四、关于2021年政府工作\n新建项目10个。\n");
    assert_int_equal(para_with(d, "五年来")->part, GR_PART_FIVE_YEAR);
    assert_int_equal(para_with(d, "今后五年")->part, GR_PART_FIVE_YEAR_PLAN);
    assert_int_equal(para_with(d, "三、2021年主要工作")->part, GR_PART_WORK);
    assert_int_equal(para_with(d, "6%以上")->part, GR_PART_WORK);
    assert_int_equal(para_with(d, "新建项目")->part, GR_PART_WORK);
    gr_doc_free(d);
    /* a year before the plan year reviews */
    d = parse("政府工作报告\n——2021年2月5日在容城县第十届人民代表大会第五次会议上\n各位代表：\n一、2020年主要工作\n增长5%。\n");
    assert_int_equal(para_with(d, "增长5%")->part, GR_PART_REVIEW);
    gr_doc_free(d);
}

static void test_report_twice(void **state)
{
    (void)state;
    /* a page with the report and its print view, no footer between: the second copy is boilerplate */
    const char *body = "一、2023年工作回顾\n全县地区生产总值完成120亿元，同比增长6.5%，一般公共预算收入完成8亿元，增长7%，"
                       "城乡居民人均可支配收入分别增长6%和7.5%。\n各位代表！让我们团结奋斗！\n";
    char text[2048];
    snprintf(text, sizeof text, "政府工作报告\n——2024年1月20日在容城县第十届人民代表大会第三次会议上\n各位代表：\n%s"
                                "打印版\n政府工作报告\n——2024年1月20日在容城县第十届人民代表大会第三次会议上\n各位代表：\n%s",
             body, body);
    gr_doc *d = parse(text);
    size_t review = 0, boiler_after = 0;
    for (size_t i = 0; i < gr_doc_npara(d); i++) {
        const gr_para *p = gr_doc_para(d, i);
        review += p->part == GR_PART_REVIEW && p->len > 100;
        boiler_after += i > 6 && p->part == GR_PART_BOILERPLATE;
    }
    assert_int_equal(review, 1);
    assert_true(boiler_after >= 5);
    gr_doc_free(d);
}

static void test_cut_off_text(void **state)
{
    (void)state;
    /* a page 1 of 2: the review ends with a 各位代表 paragraph of thanks, the plan begins and the
     * text stops; that 各位代表 is no closing call, and the targets stay in the plan */
    gr_doc *d = parse("政府工作报告\n——2015年1月20日在容城县第十届人民代表大会第三次会议上\n各位代表：\n"
                      "现在，我代表县人民政府向大会报告工作。\n一、2014年工作回顾\n生产总值增长6%。\n"
                      "各位代表！过去的一年，成绩来之不易，这是全县人民团结奋斗的结果。\n二、2015年工作总体要求\n"
                      "今年的主要预期目标是：生产总值增长7%左右。\n");
    assert_int_equal(para_with(d, "成绩来之不易")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "7%左右")->part, GR_PART_PLAN);
    gr_doc_free(d);
    /* the same with the closing call after the plan: that one closes */
    d = parse("政府工作报告\n——2015年1月20日在容城县第十届人民代表大会第三次会议上\n各位代表：\n"
              "一、2014年工作回顾\n生产总值增长6%。\n各位代表！过去的一年，成绩来之不易。\n二、2015年工作总体要求\n"
              "生产总值增长7%左右。\n各位代表！让我们团结奋斗！\n名词解释\n1.双控：能耗总量和强度控制。\n");
    assert_int_equal(para_with(d, "团结奋斗")->part, GR_PART_CLOSING);
    assert_int_equal(para_with(d, "双控")->part, GR_PART_NOTES);
    gr_doc_free(d);
}

static void test_time_scope(void **state)
{
    (void)state;
    /* a five-year report: the five-year review speaks of five years except where a paragraph opens
     * on the year reviewed; the five-year plan looks back before it looks ahead */
    gr_doc *d = parse("政府工作报告\n——2021年2月5日在容城县第十届人民代表大会第五次会议上\n各位代表：\n"
                      "一、“十三五”时期工作回顾\n五年来，生产总值年均增长6%。\n2020年，生产总值增长3.9%。\n"
                      "二、“十四五”时期主要目标任务\n“十三五”时期取得的成就为今后打下基础，工业增加值翻一番。\n"
                      "今后五年，生产总值年均增长6%左右。\n三、2021年主要工作\n生产总值增长6%以上。\n"
                      "五年来，全县新建学校10所。\n各位代表！让我们团结奋斗！\n");
    assert_int_equal(para_with(d, "五年来,生产总值")->scope, GR_SCOPE_PAST_FIVE);
    assert_int_equal(para_with(d, "增长3.9%")->scope, GR_SCOPE_REVIEW_YEAR);
    assert_int_equal(para_with(d, "翻一番")->scope, GR_SCOPE_PAST_FIVE);
    assert_int_equal(para_with(d, "6%左右")->scope, GR_SCOPE_NEXT_FIVE);
    assert_int_equal(para_with(d, "6%以上")->scope, GR_SCOPE_PLAN_YEAR);
    assert_int_equal(para_with(d, "团结奋斗")->scope, GR_SCOPE_NONE);
    assert_string_equal(gr_scope_name(GR_SCOPE_NEXT_FIVE), "next_five");
    gr_doc_free(d);
    /* a year's review: a paragraph that says 五年来 speaks of five years, the rest of the year */
    d = parse("政府工作报告\n——2021年2月5日在容城县第十届人民代表大会第五次会议上\n各位代表：\n"
              "一、2020年工作回顾\n生产总值增长3.8%。\n五年来，新建学校10所。\n");
    assert_int_equal(para_with(d, "3.8%")->scope, GR_SCOPE_REVIEW_YEAR);
    assert_int_equal(para_with(d, "学校")->scope, GR_SCOPE_PAST_FIVE);
    gr_doc_free(d);
}

static void test_no_salutation(void **state)
{
    (void)state;
    /* a body saved without its 各位代表: the first part heading starts the body, and the review's own
     * 各位代表，过去的一年… paragraph is no opening */
    gr_doc *d = parse("2019年1月29日在容城县第十届人民代表大会第三次会议上\n县长 王明远\n一、2018年工作回顾\n"
                      "全县生产总值增长8.6%。\n各位代表，过去的一年，我们加强政府自身建设。\n二、2019年工作总体要求\n"
                      "生产总值增长8%。\n");
    assert_int_equal(para_with(d, "一、2018年")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "8.6%")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "过去的一年")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "增长8%")->part, GR_PART_PLAN);
    gr_doc_free(d);
}

static void test_broken_lines(void **state)
{
    (void)state;
    /* an old export broke lines inside words, with blank lines between: the sentence is one again,
     * while a heading and the line after it stay apart */
    gr_doc *d = parse("政府工作报告\n——2003年1月20日在容城县第十届人民代表大会第一次会议上\n各位代表：\n"
                      "一、2002年工作回顾\n全县生产总值增长9%。\n二、今后五年的奋斗目标\n今后五年，生产总值年均增长9%左右。\n"
                      "今年是实施“十五”计划承上启下的关键一年，做好今年的工作意义重大。今年国民\n\n经济和社会发\n\n"
                      "展的主要预期目标是：生产总值增长9%。\n");
    const gr_para *p = para_with(d, "今年国民");
    assert_non_null(p);
    assert_ptr_equal(p, para_with(d, "展的主要预期目标"));
    assert_int_equal(p->scope, GR_SCOPE_PLAN_YEAR); /* 今年是…: the plan year's targets, in a five-year plan */
    assert_int_equal(para_with(d, "年均增长9%左右")->scope, GR_SCOPE_NEXT_FIVE);
    assert_ptr_not_equal(para_with(d, "一、2002年"), para_with(d, "增长9%。"));
    gr_doc_free(d);
}

static void test_glued_headings(void **state)
{
    (void)state;
    /* a part heading run on into its first sentence is a heading again, and the sentence keeps its part */
    gr_doc *d = parse("政府工作报告\n——2022年1月20日在容城县第十届人民代表大会第一次会议上\n各位代表：\n"
                      "一、2021年工作回顾2021年，是极不平凡的一年。全县生产总值增长6.5%。\n"
                      "二、2022年主要目标今年是实施“十四五”规划的关键之年。生产总值增长7%左右。\n"
                      "三、加快发展现代农业，全县粮食产量达到20万吨。\n");
    const gr_para *h = para_with(d, "一、2021年工作回顾");
    assert_int_equal(h->heading, 1);
    assert_int_equal(h->len, strlen("一、2021年工作回顾"));
    assert_int_equal(para_with(d, "6.5%")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "二、2022年主要目标")->len, strlen("二、2022年主要目标"));
    assert_int_equal(para_with(d, "7%左右")->part, GR_PART_PLAN);
    /* a numbered line that is a sentence is not cut */
    assert_true(para_with(d, "三、加快发展")->len > strlen("三、加快发展现代农业"));
    gr_doc_free(d);
}

static void test_link_lists_after_the_end(void **state)
{
    (void)state;
    /* a portal's links after the closing call are boilerplate; the report's own notes are not */
    gr_doc *d = parse("政府工作报告\n——2022年1月20日在容城县第十届人民代表大会第一次会议上\n各位代表：\n"
                      "一、2021年工作回顾\n生产总值增长6.5%。\n各位代表！让我们团结奋斗！\n名词解释\n"
                      "1.双控：能耗总量和强度控制。\n各县区\n安新县\n雄县\n容城县\n高阳县\n省政府办公厅\n");
    assert_int_equal(para_with(d, "双控")->part, GR_PART_NOTES);
    assert_int_equal(para_with(d, "各县区")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "省政府办公厅")->part, GR_PART_BOILERPLATE);
    gr_doc_free(d);
    d = parse("政府工作报告\n——2022年1月20日在容城县第十届人民代表大会第一次会议上\n各位代表：\n"
              "一、2021年工作回顾\n生产总值增长6.5%。\n各位代表！让我们团结奋斗！\n上一篇:\n2022年雄县政府工作报告\n"
              "相关文章\n03-30\n安新县2021年国民经济和社会发展统计公报\n");
    assert_int_equal(para_with(d, "雄县政府工作报告")->part, GR_PART_BOILERPLATE);
    assert_int_equal(para_with(d, "统计公报")->part, GR_PART_BOILERPLATE);
    gr_doc_free(d);
}

static void test_unnamed_part_headings(void **state)
{
    (void)state;
    /* a part heading that names no part is read by its section: the plan year's words make it the
     * plan, the plan the year opens makes it the five-year plan, a year in the heading the plan */
    gr_doc *d = parse("政府工作报告\n——2026年1月20日在某省第十四届人民代表大会第四次会议上\n各位代表：\n"
                      "一、一年接着一年干，建设持续取得新成效\n过去一年，全省生产总值增长5.4%。\n"
                      "二、一张蓝图绘到底，奋力谱写新篇章\n“十五五”时期是基本实现现代化的关键时期。地区生产总值年均增长5%左右。\n"
                      "三、一鼓作气勇争先，推动开好局\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。\n");
    assert_int_equal(para_with(d, "5.4%")->part, GR_PART_REVIEW);
    assert_int_equal(para_with(d, "年均增长5%")->part, GR_PART_FIVE_YEAR_PLAN);
    assert_int_equal(para_with(d, "主要预期目标")->scope, GR_SCOPE_PLAN_YEAR);
    gr_doc_free(d);
    d = parse("政府工作报告\n——2021年1月20日在某县第十七届人民代表大会第五次会议上\n各位代表：\n"
              "一、回顾“十三五”，我们坚定前行、砥砺奋进\n五年来，生产总值年均增长6%。\n"
              "二、展望“十四五”，我们站在新的历史起点\n到2025年，生产总值达到200亿元。\n"
              "三、接续奋斗2021年，加快建设经济强县、旅游城市\n生产总值增长9%左右。\n");
    assert_int_equal(para_with(d, "200亿元")->part, GR_PART_FIVE_YEAR_PLAN);
    assert_int_equal(para_with(d, "9%左右")->scope, GR_SCOPE_PLAN_YEAR);
    gr_doc_free(d);
    /* years read from the headings, the headings read again against them: 工作总体安排 is the plan */
    d = parse("各位代表：\n一、2008年工作回顾\n生产总值增长11%。\n二、2009年工作总体安排\n生产总值增长10%以上。\n");
    assert_int_equal(gr_doc_meta(d)->plan_year, 2009);
    assert_int_equal(para_with(d, "10%以上")->part, GR_PART_WORK);
    gr_doc_free(d);
    /* a page that holds the plan alone starts in the plan */
    d = parse("标题:2024年某市政府工作报告\n今年政府工作的总体要求是：坚持稳中求进。\n"
              "经济社会发展的主要预期目标是：生产总值增长6%以上。\n");
    assert_int_equal(para_with(d, "6%以上")->part, GR_PART_PLAN);
    gr_doc_free(d);
}

static void test_one_line_page(void **state)
{
    (void)state;
    /* a report run into one line, its paragraphs kept apart by spaces, is cut back into them */
    char buf[16384];
    size_t n = (size_t)snprintf(buf, sizeof buf, "各位代表: 现在,我代表市人民政府向大会报告工作。 一、2023年工作回顾 过去一年,全市生产总值增长5%%。");
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, " 第%d项工作扎实推进,各项任务全面完成,群众满意度持续提升。", i + 1);
    n += (size_t)snprintf(buf + n, sizeof buf - n, " 二、2024年主要任务 今年经济社会发展的主要预期目标是:全市生产总值增长5%%左右。 各位代表!让我们团结奋斗!\n");
    gr_doc *d = parse(buf);
    const gr_para *h = para_with(d, "一、2023年工作回顾");
    assert_int_equal(h->heading, 1);
    assert_int_equal(h->len, strlen("一、2023年工作回顾"));
    assert_int_equal(para_with(d, "5%左右")->part, GR_PART_WORK);
    assert_int_equal(para_with(d, "增长5%。")->part, GR_PART_REVIEW);
    gr_doc_free(d);
    /* a line that spaces a name or two is one paragraph */
    d = parse("各位代表：\n一、2023年工作回顾\n市长 张三 代表市政府作报告,全市生产总值增长5%。\n");
    assert_non_null(para_with(d, "市长 张三 代表"));
    gr_doc_free(d);
}

static void test_broken_line_before_heading_words(void **state)
{
    (void)state;
    /* a line cut after 的 runs on into a line that reads as a heading (主要预期目标) but is the rest of
     * its sentence */
    gr_doc *d = parse("各位代表：\n一、2025年工作回顾\n生产总值增长3.9%。\n二、2026年工作安排\n"
                      "2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的\n主要预期目标\n"
                      "是：地区生产总值增长4.5%—5%，地方一般公共预算收入增长3%左右。\n");
    const gr_para *p = para_with(d, "主要预期目标");
    assert_int_equal(p->heading, 0);
    assert_ptr_equal(p, para_with(d, "4.5%—5%"));
    gr_doc_free(d);
}

static void test_plan_year_runs_on(void **state)
{
    (void)state;
    /* in a five-year plan, the plan year once opened (今年是…) runs on over the paragraphs after it
     * until one names the five years again */
    gr_doc *d = parse("各位代表：\n一、2025年和“十四五”时期工作回顾\n生产总值增长5.1%。\n"
                      "二、“十五五”时期目标任务和2026年工作安排\n“十五五”时期，地区生产总值年均增长5%左右。\n"
                      "今年是“十五五”开局之年。今年政府工作总体要求是：稳中求进。\n"
                      "全省经济社会发展的主要指标安排如下：地区生产总值增长4.5%左右。\n"
                      "“十五五”规划纲要提出，到2030年研发投入强度达到3%。\n");
    assert_int_equal(para_with(d, "年均增长5%")->scope, GR_SCOPE_NEXT_FIVE);
    assert_int_equal(para_with(d, "4.5%左右")->scope, GR_SCOPE_PLAN_YEAR);
    assert_int_equal(para_with(d, "研发投入强度")->scope, GR_SCOPE_NEXT_FIVE);
    gr_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meeting_split_and_speaker), cmocka_unit_test(test_speaker_forms),
        cmocka_unit_test(test_parts_and_boilerplate),     cmocka_unit_test(test_note_markers),
        cmocka_unit_test(test_not_a_report),              cmocka_unit_test(test_meeting_line_forms),
        cmocka_unit_test(test_export_artefacts),          cmocka_unit_test(test_site_and_crawler_headers),
        cmocka_unit_test(test_region_evidence),           cmocka_unit_test(test_hints_and_fragments),
        cmocka_unit_test(test_plan_headings),             cmocka_unit_test(test_report_twice),
        cmocka_unit_test(test_cut_off_text), cmocka_unit_test(test_time_scope),
        cmocka_unit_test(test_no_salutation), cmocka_unit_test(test_broken_lines),
        cmocka_unit_test(test_glued_headings), cmocka_unit_test(test_link_lists_after_the_end),
        cmocka_unit_test(test_unnamed_part_headings), cmocka_unit_test(test_one_line_page),
        cmocka_unit_test(test_broken_line_before_heading_words), cmocka_unit_test(test_plan_year_runs_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
