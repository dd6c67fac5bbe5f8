//! The head forms of issue 11 (titles that wrap, documents issued directly, 主送 over several
//! lines, damaged 文号 and dates, site chrome), one test per form, on made-up documents in the
//! shape of real ones. Each asserts what a supervision office reads off the head.

fn parse(text: &str) -> gongwen::Document {
    gongwen::parse(text.as_bytes(), &gongwen::Options::default()).unwrap()
}

fn notice(doc: &gongwen::Document) -> &gongwen::Notice {
    doc.notice.as_ref().expect("a notice")
}

#[test]
fn a_title_printed_over_two_lines_is_one_title_with_its_issuer() {
    let d = parse(
        "XX省人民政府关于加快推进\n农村公路高质量发展的实施意见\nX政发〔2024〕3号\n\n各市人民政府，省政府各部门：\n\
         为加快推进农村公路高质量发展，现提出如下意见。\n一、总体要求\n（一）目标。到2025年底建成。\n",
    );
    assert_eq!(d.title.as_deref(), Some("XX省人民政府关于加快推进农村公路高质量发展的实施意见"));
    let n = notice(&d);
    assert_eq!(n.subject.as_deref(), Some("关于加快推进农村公路高质量发展的实施意见"));
    assert_eq!(n.issuers, ["XX省人民政府"]);
    assert_eq!(n.doc_number.as_deref(), Some("X政发〔2024〕3号"));
}

#[test]
fn joint_issuers_on_their_own_line_and_a_three_line_heading() {
    let d = parse(
        "甲省人民政府办公厅、甲省军区政治工作部\n 关于加强民兵应急力量\n 建设管理工作的通知\n甲政办发〔2024〕5号\n\n\
         各市人民政府，各军分区：\n现就有关事项通知如下。\n一、提高认识\n二、落实责任\n甲省人民政府办公厅　甲省军区政治工作部\n\
         2024年6月29日\n",
    );
    assert_eq!(
        d.title.as_deref(),
        Some("甲省人民政府办公厅、甲省军区政治工作部关于加强民兵应急力量建设管理工作的通知")
    );
    let n = notice(&d);
    assert_eq!(n.issuers, ["甲省人民政府办公厅", "甲省军区政治工作部"]);
    assert_eq!(n.date.as_deref(), Some("2024-06-29"));
}

#[test]
fn a_notice_that_issues_a_plan_still_takes_the_plan_title() {
    let d = parse(
        "乙市人民政府办公室关于印发\n乙市数字政府建设实施方案的通知\n各区人民政府：\n现将《乙市数字政府建设实施方案》印发给你们。\n\
         乙市人民政府办公室\n2024年3月1日\n乙市数字政府建设实施方案\n一、总体要求\n",
    );
    assert_eq!(d.title.as_deref(), Some("乙市数字政府建设实施方案"));
    assert_eq!(notice(&d).subject.as_deref(), Some("关于印发乙市数字政府建设实施方案的通知"));
}

#[test]
fn addressees_over_several_lines_are_one_list() {
    let d = parse(
        "丙省公安厅关于开展道路交通安全整治行动的通知\n丙公发〔2024〕8号\n各市公安局，\n各保险公司省级分公司，\n各有关单位：\n\
         现就有关事项通知如下。\n一、整治重点\n",
    );
    assert_eq!(notice(&d).addressees, ["各市公安局", "各保险公司省级分公司", "各有关单位"]);
}

#[test]
fn a_long_addressee_list_of_places_is_one_addressee() {
    let d = parse(
        "丁部关于做好汛期安全工作的通知\n丁发〔2024〕1号\n北京市、天津市、河北省、山西省、内蒙古自治区、辽宁省、吉林省、黑龙江省人民政府，各直属单位：\n\
         现通知如下。\n一、加强值守\n",
    );
    let a = &notice(&d).addressees;
    assert_eq!(a.len(), 2, "{a:?}");
    assert!(a[0].starts_with("北京市、天津市") && a[0].ends_with("黑龙江省人民政府"));
}

#[test]
fn a_flattened_notice_with_the_body_glued_after_the_colon_and_the_date_after_the_signer() {
    let d = parse(
        "戊市人民政府关于印发戊市储备粮管理办法的通知\n各县人民政府，市政府各部门：现将《戊市储备粮管理办法》印发给你们，请认真贯彻落实。戊市人民政府2023年9月5日（此件公开发布）戊市储备粮管理办法第一章 总则第一条 为加强储备粮管理，制定本办法。\n",
    );
    let n = notice(&d);
    assert_eq!(n.addressees, ["各县人民政府", "市政府各部门"]);
    assert_eq!(n.date.as_deref(), Some("2023-09-05"));
    assert_eq!(n.issuers, ["戊市人民政府"]);
}

#[test]
fn a_doc_number_that_lost_its_closing_bracket_and_a_date_that_lost_its_characters() {
    let d = parse(
        "赣州市人民政府办公厅\n关于印发2015年全市医改工作要点的通知\n\n赣市府办字〔2015118\n\n各县（市、区）人民政府：\n\
         《2015年全市医改工作要点》已经市政府同意，现印发给你们。\n\n2015917\n(此件主动公开)\n2015年全市医改工作要点\n一、总体要求\n",
    );
    let n = notice(&d);
    assert_eq!(n.doc_number.as_deref(), Some("赣市府办字〔2015118"));
    assert_eq!(n.issuers, ["赣州市人民政府办公厅"]);
    assert_eq!(n.date.as_deref(), Some("2015-09-17"));
    assert_eq!(d.title.as_deref(), Some("2015年全市医改工作要点"));
}

#[test]
fn a_gazette_date_in_brackets_under_the_heading() {
    let d = parse(
        "己市人民政府\n关于2019年重点办好10件实事的通知\n(2019年1月29日)\n己政发〔2019〕1号\n各区人民政府，市政府各部门：\n\
         现就有关事项通知如下。\n一、办好教育实事\n",
    );
    let n = notice(&d);
    assert_eq!(n.date.as_deref(), Some("2019-01-29"));
    assert_eq!(d.title.as_deref(), Some("己市人民政府关于2019年重点办好10件实事的通知"));
}

#[test]
fn a_law_database_line_with_a_date_before_and_the_doc_number_after_the_title() {
    let d = parse(
        "2010.10.13《庚银监局办公室关于做好贷款清查工作的通知》庚银办发〔2010〕309号\n各分局，各银行：\n现就有关事项通知如下。\n一、清查范围\n",
    );
    let n = notice(&d);
    assert_eq!(n.subject.as_deref(), Some("关于做好贷款清查工作的通知"));
    assert_eq!(n.doc_number.as_deref(), Some("庚银办发〔2010〕309号"));
    assert_eq!(n.issuers, ["庚银监局办公室"]);
}

#[test]
fn a_news_report_names_the_plan_it_reports() {
    let d = parse(
        "近日，辛区人民政府办公室发布《2023年区政府工作报告重点工作目标任务分解》方案，共细分171项任务。\n一、主要目标\n",
    );
    assert_eq!(d.title.as_deref(), Some("2023年区政府工作报告重点工作目标任务分解"));
    let d = parse("今天，壬自治区人民政府网站发布了《壬自治区人民政府办公厅关于印发壬都市圈建设2019年工作计划的通知》。\n一、基础设施\n");
    assert_eq!(d.title.as_deref(), Some("壬都市圈建设2019年工作计划"));
}

#[test]
fn page_chrome_in_a_line_and_a_site_footer_are_not_text() {
    let d = parse(
        "您当前所在位置: 首页>政府信息公开>计划规划\n关怀版 无障碍\n癸区人民政府办公室关于落实重点任务分工的通知 字号大中小 各镇人民政府，各委、局：为落实重点任务，通知如下。\n\
         一、加快项目建设。（责任单位：区发改委）\n二、优化营商环境。（责任单位：区营商局）主办单位：癸区人民政府办公室 网站标识码1234000001 京ICP备05012345号\n",
    );
    assert_eq!(notice(&d).addressees, ["各镇人民政府", "各委、局"]);
    let last = &d.items[1];
    assert_eq!(last.responsible.as_ref().unwrap().units, ["区营商局"]);
    assert!(!last.text.contains("网站标识码"), "{}", last.text);
}

#[test]
fn a_page_number_left_at_the_top_by_markup_does_not_hide_the_head() {
    let d = parse(
        "1. \n當前位置:首頁>>政府信息公開\n甲自治區人民政府印發《關于加快推進協同發展的若干政策措施》的通知\n\
         各盟行政公署、市人民政府：\n現將《關于加快推進協同發展的若干政策措施》印發給你們。\n2019年1月7日\n\
         關于加快推進協同發展的若干政策措施\n一、產業協作發展\n二、基礎設施\n",
    );
    assert_eq!(d.title.as_deref(), Some("關于加快推進協同發展的若干政策措施"));
    assert_eq!(notice(&d).date.as_deref(), Some("2019-01-07"));
    assert_eq!(d.items.len(), 2);
    assert_eq!(d.items[0].path, "1");
}

#[test]
fn metadata_labels_in_traditional_characters() {
    let d = parse(
        "標       題: 乙區政府關于做好防汛工作的通知\n文       號: 乙政發〔2019〕2號 主  題  詞:\n一、加強值守\n",
    );
    assert_eq!(notice(&d).doc_number.as_deref(), Some("乙政發〔2019〕2號"));
}

#[test]
fn a_task_table_issued_as_the_document_takes_its_title() {
    let d = parse("丙镇2024年度重点工作计划二季度执行情况\n序号\n重点工作\n工作任务安排\n1\n水库工程\n");
    assert_eq!(d.title.as_deref(), Some("丙镇2024年度重点工作计划二季度执行情况"));
    let d = parse("2024年《政府工作报告》重点工作目标任务分解表\n序号\n目标与任务\n1\n新增托位400个\n");
    assert_eq!(d.title.as_deref(), Some("2024年《政府工作报告》重点工作目标任务分解表"));
}

#[test]
fn a_text_that_ends_on_the_first_item_of_a_list_is_cut_short() {
    let d = parse("丁镇创建工作实施方案\n一、总体要求\n（一）目标。全面完成。\n（二）原则。统筹推进。\n二、工作步骤\n（一）宣传发动阶段（1月—2月）。广泛宣传。\n");
    assert!(d.warnings.iter().any(|w| w.code == gongwen::WarningCode::Truncated), "{:?}", d.warnings);
    let d = parse("丁镇创建工作实施方案\n一、总体要求\n（一）目标。全面完成。\n（二）原则。统筹推进。\n二、保障措施\n加强领导。\n");
    assert!(!d.warnings.iter().any(|w| w.code == gongwen::WarningCode::Truncated), "{:?}", d.warnings);
}
