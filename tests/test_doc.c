/* test_doc.c - the document layer on hand-written reports: metadata variants (meeting line split
 * over two lines, dates in Chinese numerals, speaker forms), parts and headings, boilerplate around
 * the report, note markers linked to their notes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meeting_split_and_speaker), cmocka_unit_test(test_speaker_forms),
        cmocka_unit_test(test_parts_and_boilerplate),     cmocka_unit_test(test_note_markers),
        cmocka_unit_test(test_not_a_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
