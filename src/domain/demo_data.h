/* Word lists for the demo generator (src/domain/demo.c only): the seed's
 * Harbin departments, districts, names, positions and the texts of posts,
 * pledges, complaints and improvements. Kept apart so demo.c stays logic. */
#ifndef XF_DEMO_DATA_H
#define XF_DEMO_DATA_H

#define DD_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A service trade: what its posts do and what its outlets are called. */
struct dd_trade {
    const char *name;           /* unit.trade */
    const char *outlet_suffix;  /* "江北" + suffix */
    const char *business[4];    /* post titles: business + "先锋岗" */
};

enum {
    T_CHENGJIAN, T_ZHIJIAN, T_JIAOJING, T_HUANWEI, T_LVSHI, T_PENGGAI, T_ZHENGWU, T_GONGAN,
    T_RENSHE, T_SHUIWU, T_BUDONGCHAN, T_GONGJIJIN, T_YIBAO, T_SHICHANG, T_ZIRAN, T_JIAOTONG,
    T_SHUIWU2, T_GONGRE, T_MINZHENG, T_WEISHENG, T_JIAOYU, T_CHENGGUAN, T_CAIZHENG, T_WENLV,
    T_NONGYE, T_HUANBAO, T_ANJIAN, T_XINFANG, T_QUNTUAN, T_GONGYONG, T_ZONGHE, T_COUNT
};

static const struct dd_trade dd_trades[T_COUNT] = {
    [T_CHENGJIAN] = {"城建", "工程指挥部", {"工程报建受理", "施工许可审批", "竣工验收备案", "重点工程协调"}},
    [T_ZHIJIAN] = {"质监", "检测站", {"产品质量检测", "计量器具检定", "食品定量包装抽检", "特种设备检验"}},
    [T_JIAOJING] = {"交警", "大队", {"机动车登记", "驾驶证业务", "交通违法处理", "事故快速处理"}},
    [T_HUANWEI] = {"环卫", "环卫所", {"道路清扫保洁", "生活垃圾清运", "公厕管理服务", "冬季清冰雪"}},
    [T_LVSHI] = {"律师", "律师事务所", {"法律咨询", "法律援助", "合同审查", "百所联千村进万户"}},
    [T_PENGGAI] = {"棚改", "征收工作站", {"拆迁安置", "征收补偿", "回迁房分配", "棚改政策咨询"}},
    [T_ZHENGWU] = {"政务服务", "政务服务分中心", {"综合受理", "企业开办", "投资项目审批", "帮办代办"}},
    [T_GONGAN] = {"公安", "派出所", {"户籍办理", "居民身份证受理", "出入境证件办理", "治安许可"}},
    [T_RENSHE] = {"人社", "社保服务站", {"社保登记", "养老保险待遇核定", "就业登记", "职业技能鉴定"}},
    [T_SHUIWU] = {"税务", "税务分局", {"纳税申报", "发票领购", "税务登记", "退税办理"}},
    [T_BUDONGCHAN] = {"不动产", "登记分中心", {"不动产登记受理", "不动产权证发放", "抵押登记", "登记档案查询"}},
    [T_GONGJIJIN] = {"公积金", "管理部", {"公积金提取", "公积金贷款受理", "缴存登记", "账户转移接续"}},
    [T_YIBAO] = {"医保", "医保服务站", {"医保参保登记", "医疗费用报销", "异地就医备案", "门诊慢病认定"}},
    [T_SHICHANG] = {"市场监管", "市场监管所", {"企业注册登记", "食品经营许可", "消费投诉受理", "价格监督检查"}},
    [T_ZIRAN] = {"自然资源", "自然资源所", {"建设用地审批", "规划许可", "测绘成果提供", "用地预审"}},
    [T_JIAOTONG] = {"交通", "运输管理站", {"道路运输许可", "出租汽车服务", "公交线路服务", "路政许可"}},
    [T_SHUIWU2] = {"水务", "营业网点", {"供水报装", "排水许可", "水费缴纳", "管网抢修"}},
    [T_GONGRE] = {"供热", "供热站", {"供热报装", "供热投诉受理", "热费收缴", "供热管网维修"}},
    [T_MINZHENG] = {"民政", "服务站", {"婚姻登记", "低保审核", "养老服务", "优抚安置"}},
    [T_WEISHENG] = {"卫生", "分院", {"门诊导医", "预约挂号", "疫苗接种", "健康证办理"}},
    [T_JIAOYU] = {"教育", "招生服务站", {"入学报名", "学籍管理", "教师资格认定", "招生咨询"}},
    [T_CHENGGUAN] = {"城管", "执法中队", {"占道审批", "户外广告审批", "违建查处", "市容管理"}},
    [T_CAIZHENG] = {"财政", "服务窗口", {"财政票据", "政府采购", "国库集中支付", "非税收入收缴"}},
    [T_WENLV] = {"文旅", "服务点", {"旅游投诉受理", "演出许可", "图书借阅", "文化活动服务"}},
    [T_NONGYE] = {"农业", "服务站", {"农资监管", "农机登记", "动物检疫", "林木采伐许可"}},
    [T_HUANBAO] = {"环保", "监测站", {"环评审批", "排污许可", "环境信访受理", "环境监测"}},
    [T_ANJIAN] = {"安监", "监察中队", {"安全生产许可", "危化品经营许可", "隐患举报受理", "消防审验"}},
    [T_XINFANG] = {"信访", "接待站", {"来访接待", "网上信访受理", "信访事项督办", "12345热线受理"}},
    [T_QUNTUAN] = {"群团", "服务站", {"困难职工帮扶", "青年就业服务", "妇女儿童维权", "志愿服务"}},
    [T_GONGYONG] = {"公用事业", "营业厅", {"用电报装", "燃气报装", "故障抢修", "缴费服务"}},
    [T_ZONGHE] = {"政务服务", "服务窗口", {"政策咨询", "综合受理", "档案查询利用", "业务办理"}},
};

struct dd_root {
    const char *name;
    int trade;
};

/* The seed's 94 municipal departments (市直部门): the ones it names first,
 * then plausible others of a Harbin-sized city. */
static const struct dd_root dd_departments[] = {
    {"市城建委", T_CHENGJIAN}, {"市质监局", T_ZHIJIAN}, {"市交警支队", T_JIAOJING},
    {"市环卫局", T_HUANWEI}, {"市律师协会", T_LVSHI}, {"市棚改办", T_PENGGAI},
    {"市政务服务中心", T_ZHENGWU}, {"市公安局", T_GONGAN}, {"市人社局", T_RENSHE},
    {"市住建局", T_CHENGJIAN}, {"市税务局", T_SHUIWU}, {"市不动产登记中心", T_BUDONGCHAN},
    {"市公积金中心", T_GONGJIJIN}, {"市医保局", T_YIBAO}, {"市市场监管局", T_SHICHANG},
    {"市自然资源局", T_ZIRAN}, {"市交通运输局", T_JIAOTONG}, {"市水务局", T_SHUIWU2},
    {"市供热办", T_GONGRE}, {"市民政局", T_MINZHENG}, {"市卫健委", T_WEISHENG},
    {"市教育局", T_JIAOYU}, {"市城管局", T_CHENGGUAN}, {"市发改委", T_ZHENGWU},
    {"市工信局", T_ZHENGWU}, {"市商务局", T_ZHENGWU}, {"市财政局", T_CAIZHENG},
    {"市审计局", T_ZONGHE}, {"市统计局", T_ZONGHE}, {"市司法局", T_LVSHI},
    {"市文旅局", T_WENLV}, {"市体育局", T_WENLV}, {"市农业农村局", T_NONGYE},
    {"市林草局", T_NONGYE}, {"市生态环境局", T_HUANBAO}, {"市应急管理局", T_ANJIAN},
    {"市退役军人事务局", T_MINZHENG}, {"市园林局", T_HUANWEI}, {"市房产局", T_BUDONGCHAN},
    {"市规划局", T_ZIRAN}, {"市国资委", T_ZONGHE}, {"市金融办", T_ZONGHE},
    {"市信访局", T_XINFANG}, {"市档案局", T_ZONGHE}, {"市气象局", T_ZONGHE},
    {"市地震局", T_ZONGHE}, {"市残联", T_MINZHENG}, {"市总工会", T_QUNTUAN},
    {"团市委", T_QUNTUAN}, {"市妇联", T_QUNTUAN}, {"市科协", T_QUNTUAN},
    {"市红十字会", T_QUNTUAN}, {"市供销社", T_ZONGHE}, {"市邮政管理局", T_JIAOTONG},
    {"市烟草专卖局", T_SHICHANG}, {"市电业局", T_GONGYONG}, {"市燃气集团", T_GONGYONG},
    {"市供水集团", T_SHUIWU2}, {"市公交集团", T_JIAOTONG}, {"市地铁集团", T_JIAOTONG},
    {"市客运管理处", T_JIAOTONG}, {"市出租汽车管理处", T_JIAOTONG}, {"市公路管理处", T_JIAOTONG},
    {"市市政工程管理处", T_CHENGJIAN}, {"市路桥管理处", T_CHENGJIAN}, {"市排水集团", T_SHUIWU2},
    {"市图书馆", T_WENLV}, {"市博物馆", T_WENLV}, {"市第一医院", T_WEISHENG},
    {"市儿童医院", T_WEISHENG}, {"市中医医院", T_WEISHENG}, {"市疾控中心", T_WEISHENG},
    {"市急救中心", T_WEISHENG}, {"市血液中心", T_WEISHENG}, {"市12345热线中心", T_XINFANG},
    {"市公共资源交易中心", T_ZHENGWU}, {"市住房保障中心", T_PENGGAI}, {"市物价局", T_SHICHANG},
    {"市粮食局", T_ZHIJIAN}, {"市药监局", T_SHICHANG}, {"市知识产权局", T_SHICHANG},
    {"市人防办", T_CHENGJIAN}, {"市城市管理行政执法局", T_CHENGGUAN},
    {"市建设工程质量监督站", T_CHENGJIAN}, {"市建筑安全监督站", T_ANJIAN},
    {"市劳动保障监察支队", T_RENSHE}, {"市社保中心", T_RENSHE}, {"市就业服务局", T_RENSHE},
    {"市车辆管理所", T_JIAOJING}, {"市消防支队", T_ANJIAN}, {"市出入境管理局", T_GONGAN},
    {"市公证处", T_LVSHI}, {"市法律援助中心", T_LVSHI}, {"市仲裁委", T_LVSHI},
};

/* Districts, each with the streets whose service centres are its outlets. */
struct dd_district {
    const char *name;
    const char *streets[7];
};

static const struct dd_district dd_districts[] = {
    {"道里区", {"兆麟街道", "新阳路街道", "抚顺街道", "安静街道", "工程街道", "经纬街道", "群力街道"}},
    {"南岗区", {"花园街道", "大成街道", "革新街道", "和兴路街道", "哈西街道", "保健路街道", "王岗街道"}},
    {"道外区", {"靖宇街道", "崇俭街道", "大有坊街道", "南马路街道", "太平街道", "黎华街道", "团结镇"}},
    {"香坊区", {"香坊大街街道", "和平路街道", "通天街道", "哈平路街道", "建筑街道", "黎明街道", "幸福镇"}},
    {"松北区", {"松浦街道", "万宝街道", "太阳岛街道", "松北街道", "利民街道", "对青山镇", "乐业镇"}},
    {"平房区", {"兴建街道", "保国街道", "联盟街道", "友协街道", "新伟街道", "平房镇", "平新镇"}},
    {"呼兰区", {"兰河街道", "呼兰街道", "建设路街道", "康金街道", "腰堡街道", "石人镇", "白奎镇"}},
    {"阿城区", {"金城街道", "金都街道", "通城街道", "河东街道", "阿什河街道", "新利街道", "玉泉街道"}},
    {"双城区", {"承旭街道", "承恩街道", "永和街道", "新兴街道", "五家镇", "兰棱镇", "周家镇"}},
};

static const char *const dd_offices[] = {
    "审批处", "办公室", "综合业务处", "政策法规处", "监督检查处", "行政审批服务处",
    "业务一处", "业务二处", "信访办", "财务处", "人事处", "法制处",
};

static const char *const dd_places[] = {
    "江北", "道里", "南岗", "道外", "香坊", "平房", "松北", "呼兰", "阿城", "双城",
    "群力", "哈西", "学府", "开发区", "新区", "中央大街", "会展中心", "太平", "顾乡", "动力",
};

/* Common surnames, most frequent first (picked with a bias to the front). */
static const char *const dd_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
    "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
    "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢",
    "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟",
    "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊", "金", "陆",
    "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟",
    "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖",
    "龚", "文", "欧阳", "司马",
};

static const char *const dd_given[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "鹏",
    "辉", "建", "国", "志", "文", "斌", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁",
    "颖", "琳", "晶", "波", "鑫", "欣", "婷", "雪", "慧", "莉", "博", "峰", "海", "东",
    "晓", "春", "丹", "玲", "新", "亮", "林", "飞", "彬", "成", "龙", "佳", "梅", "琦",
    "悦", "瑶", "倩", "蕾", "昊", "然", "晨", "阳", "雨", "思", "怡", "子", "嘉", "泽",
    "轩", "天", "德", "立", "长", "永", "庆", "福", "金", "凤", "云", "秋", "岩", "松",
};

/* Staff positions by where they work; the leaders come separately. */
static const char *const dd_staff_office[] = {
    "科员", "科员", "科员", "科员", "主任科员", "主任科员", "副科长", "副科长", "科长", "办事员",
};
static const char *const dd_staff_window[] = {
    "综合窗口受理员", "业务受理员", "业务受理员", "科员", "科员", "副科长", "科长", "办事员",
};

static const char *const dd_commit_standard[] = {
    "一次性告知办事要件，资料齐全当场受理",
    "首问负责，不推诿、不扯皮",
    "持证上岗，挂牌服务，办事指南公开上墙",
    "严格执行服务标准，按规范流程办理",
    "推行容缺受理，非关键材料可后补",
};
/* Time-limit commitments: text before and after the number of days. */
static const char *const dd_commit_time[][2] = {
    {"承诺件", "个工作日内办结，即办件当场办结"},
    {"限时办结不拖延，承诺件", "个工作日内办结"},
    {"咨询当日答复，审批事项", "个工作日内办结"},
};
static const char *const dd_commit_quality[] = {
    "办件准确率100%，零差错",
    "群众满意率达到95%以上",
    "重大项目审批进入绿色通道办理",
    "办理结果全程可查询、可追溯",
    "服务质量接受群众评议，问题当日整改",
};
static const char *const dd_commit_attitude[] = {
    "微笑服务零投诉，文明用语不说冷话硬话",
    "热情接待，耐心解答，让群众一看就清楚、一问就明白",
    "一听就服气、一办就满意",
    "文明礼貌，主动服务，不让群众多跑一趟",
};

/* Pledge texts by category (standard, time_limit, quality, attitude, other). */
static const char *const dd_pledge_texts[5][6] = {
    {"一次性告知办事要件", "首问负责，不推诿", "资料齐全当场受理", "严格按办事指南规范操作",
     "持证上岗，亮明党员身份", "公开办事流程和收费标准"},
    {"限时办结不拖延", "承诺件5个工作日内办结", "即办件当场办结", "群众咨询当日回复",
     "投诉件24小时内响应", "预约件按时办理不延误"},
    {"办件准确率100%", "零差错办件", "群众满意率达到95%以上", "重点项目审批进入绿色通道",
     "业务知识测试成绩优秀", "服务质量接受群众监督"},
    {"微笑服务零投诉", "文明用语，热情接待", "耐心解答群众咨询", "不说冷话硬话",
     "对老弱病残提供上门服务", "主动引导，帮办代办"},
    {"每月走访服务对象一次", "为群众提供法律咨询服务", "参加社区志愿服务活动",
     "学习业务知识，提升服务技能", "结对帮扶困难群众", "带头参加冬季清冰雪"},
};
static const char *const dd_pledge_categories[5] = {
    "standard", "time_limit", "quality", "attitude", "other",
};
static const char *const dd_unit_targets[] = {
    "全年群众满意度达到90%以上",
    "重点项目审批服务保障任务全部按期完成",
    "窗口服务事项全部实现限时办结",
    "取消和调整前置要件，审批时限比国家规定减少40%",
    "“三优”环境建设任务按期完成",
};
static const char *const dd_leader_targets[] = {
    "带头落实首问负责制，全年无有效投诉",
    "牵头推进分管重点项目按期建设",
    "分管窗口审批时限平均缩短8个工作日以上",
    "每季度到服务窗口现场办公不少于一次",
    "包保重点企业，协调解决发展难题",
};
static const char *const dd_evidence[] = {
    "经核查已兑现，服务对象评价满意",
    "台账记录齐全，按期办结",
    "群众回访满意，材料已归档",
    "季度考评核实，承诺事项全部落实",
};
static const char *const dd_withdraw_reasons[] = {
    "岗位调整，承诺事项移交",
    "政策调整，承诺事项不再适用",
    "人员调离本单位",
};

/* Complaint texts by category name; "suggestion" ones are opinions. */
struct dd_complaint_texts {
    const char *category;
    const char *texts[5];
};
static const struct dd_complaint_texts dd_complaints[] = {
    {"attitude", {"窗口工作人员态度生硬，多次往返未办结", "工作人员上班时间玩手机，对群众询问爱答不理",
                  "办事时被工作人员大声呵斥，要求道歉", "咨询电话接通后工作人员直接挂断",
                  "窗口人员互相推诿，让我找其他科室"}},
    {"time_limit", {"审批超过承诺时限仍未办结，也无人说明原因", "材料交了一个多月没有任何答复",
                    "供热温度不达标，反映多次无人处理", "约定上门维修时间，工作人员未按时到达",
                    "退税申请超期未到账"}},
    {"fees", {"收费项目未公示，多收取费用", "办证被要求另交材料费，未开具票据",
              "已取消的收费项目仍在收取", "缴费标准与公示不一致", "被强制购买指定服务"}},
    {"procedure", {"办理不动产登记要求提供的材料前后不一致，跑了三趟", "网上预约后到现场仍需重新排队",
                   "要求提供已取消的前置证明", "同一事项在两个窗口之间来回跑",
                   "办事指南与实际要求不一致"}},
    {"quality", {"办理的证件信息有误，需重新办理", "道路清雪不及时，人行道结冰严重",
                 "维修后问题仍未解决", "垃圾清运不及时，小区门口堆积", "答复内容与咨询问题不符"}},
    {"other", {"排队时间过长，窗口开放数量少", "电话长时间无人接听", "服务大厅没有无障碍通道",
               "叫号系统故障，秩序混乱", "停车困难，办事不便"}},
};
static const char *const dd_suggestions[] = {
    "建议增加周末办理服务", "建议在网上公开办事指南和办理进度",
    "建议服务大厅增设老年人绿色通道", "建议推行帮办代办服务", "建议延长冬季窗口服务时间",
};
static const char *const dd_reply_texts[] = {
    "经核查情况属实，已对相关工作人员进行批评教育，并为群众办结业务。",
    "已电话联系当事人，解释相关政策，问题已解决。",
    "已安排专人跟进，按承诺时限办结，并向群众致歉。",
    "已完成维修整改，经回访群众认可。",
    "已退还多收费用，并在大厅公示收费标准。",
};
/* "<reason code>: <text>", the form the complaint rules store and check. */
static const char *const dd_return_reasons[] = {
    "not_jurisdiction: 该事项由区市场监管局负责，请改派",
    "unclear_ownership: 场地产权尚未划定，无法确定承办单位",
    "overlapping_duties: 涉及多个部门，建议由主管部门牵头办理",
};
static const char *const dd_reject_reasons[] = {
    "非投诉事项，已告知办理渠道", "内容不完整，无法联系投诉人核实", "属于诉讼程序处理事项",
};

/* What was put right, by the checklist item that failed (the default
 * checklists' labels, conf/xianfeng.cfg): a spot check's notice board, a
 * sample check's 定量包装 goods (seed: 1,487 批次 of 米、面、油). Two
 * wordings each; an item not listed gets dd_rectify_other. */
static const struct dd_rectify_note {
    const char *label;
    const char *note[2];
} dd_rectify_notes[] = {
    {"公示牌悬挂到位", {"已重新设置公示牌并组织全员培训", "已在窗口醒目位置重新悬挂公示牌"}},
    {"姓名、职务、服务范围、投诉电话公开",
     {"已补齐公示内容，姓名、职务、服务范围、投诉电话全部公开",
      "已更新公示牌，补充服务范围和投诉电话"}},
    {"承诺事项兑现",
     {"已完善承诺事项台账，逐项整改到位", "已对照承诺逐项兑现，并在窗口公示兑现情况"}},
    {"办理时限符合承诺", {"已梳理办理流程，按承诺时限办结", "已落实限时办结制，超时事项专人跟进"}},
    {"服务态度热情", {"已约谈相关人员并调整岗位", "已组织文明服务培训，落实首问负责制"}},
    {"定量包装净含量",
     {"净含量不足的批次已下架，责令经营者按标注净含量足量包装",
      "已督促供货企业校准计量器具，不合格批次退货"}},
    {"标签标识",
     {"标签标识不规范的批次已下架，责令经营者补正标签标识",
      "已督促经营者按规定更换标签，补全标签标识内容"}},
    {"生产日期与保质期",
     {"超过保质期的批次已下架销毁，建立进货查验台账",
      "已清理日期标注不清的商品，落实临期商品检查制度"}},
};
static const char *const dd_rectify_other[] = {"已按检查意见逐项整改到位",
                                               "已约谈相关人员，整改到位"};

/* Projects (seed: 300 key, 40 livelihood, 148 road and bridge). */
static const char *const dd_key_themes[] = {
    "科技创新城建设项目", "冰雪旅游综合体项目", "汽车零部件产业园项目", "数字经济产业园项目",
    "基础设施配套项目", "国际会展中心扩建项目", "绿色食品加工园项目", "生物医药产业园项目",
    "物流枢纽项目", "现代农业示范园项目", "航空产业园项目", "装备制造基地技改项目",
    "文化创意园区项目", "中央商务区建设项目", "智慧城市建设项目",
};
static const char *const dd_livelihood_themes[] = {
    "老旧小区改造工程", "供热管网改造工程", "棚户区改造安置房项目", "背街小巷改造工程",
    "农贸市场升级改造项目", "社区养老服务中心项目", "中小学校舍改造工程", "公共厕所新建改造工程",
    "二次供水设施改造工程", "便民服务中心建设项目",
};
static const char *const dd_roads[] = {
    "中山路", "红旗大街", "学府路", "友谊路", "长江路", "黄河路", "珠江路", "先锋路",
    "和平路", "建设街", "文昌街", "东直路", "三环路", "二环路", "哈双路", "哈平路",
    "征仪路", "新阳路", "安发街", "经纬街", "松北大道", "世纪大道", "创新路", "民生路",
    "中源大道", "群力大道", "进乡街", "通达街", "南直路", "北新街",
};
static const char *const dd_road_works[] = {
    "道路改造工程", "新建工程", "拓宽改造工程", "立交桥工程", "跨线桥工程",
};

/* Service improvements (seed: 1000+ methods, 265 prerequisites, 53 fees). */
static const char *const dd_methods[] = {
    "推行网上预约服务", "推行容缺受理", "实行帮办代办", "推行一窗通办", "实行并联审批",
    "推行延时服务", "开展上门服务", "推行告知承诺制", "设立绿色通道", "推行首问负责制",
    "实行一次性告知", "开通自助终端办理",
};
static const char *const dd_prerequisites[] = {
    "房屋产权证明复印件", "无犯罪记录证明", "单位介绍信", "户籍证明", "婚姻状况证明",
    "施工图审查意见书", "验资报告", "场地使用证明", "环境影响登记表", "消防设计审核意见",
};
static const char *const dd_fees[] = {
    "证照工本费", "档案查询费", "证照补办费", "检测服务费", "评估费", "房屋登记费",
    "资料费", "年检费",
};

/* Verifier, supervisor and inspector logins of the demo's staff. */
static const char *const dd_organisers[] = {"zz_lihua", "zz_zhaoqiang", "zz_sunli", "zz_zhouyan"};
static const char *const dd_supervisors[] = {"dc_wanglei", "dc_liuyan", "dc_zhangmin",
                                             "dc_chenjing", "dc_yangfan"};
static const char *const dd_inspectors[] = {"jc_wuhao", "jc_xuting", "jc_hujun",
                                            "jc_zhuwei", "jc_gaopeng", "jc_linna"};
/* Their names, which no configuration lists: a timeline read "dc_chenjing
 * classified" where colleagues say 陈静. */
static const char *const dd_staff_names[][2] = {
    {"zz_lihua", "李华"},    {"zz_zhaoqiang", "赵强"}, {"zz_sunli", "孙丽"},
    {"zz_zhouyan", "周燕"},  {"dc_wanglei", "王磊"},   {"dc_liuyan", "刘燕"},
    {"dc_zhangmin", "张敏"}, {"dc_chenjing", "陈静"},  {"dc_yangfan", "杨帆"},
    {"jc_wuhao", "吴昊"},    {"jc_xuting", "徐婷"},    {"jc_hujun", "胡军"},
    {"jc_zhuwei", "朱伟"},   {"jc_gaopeng", "高鹏"},   {"jc_linna", "林娜"},
};

/* The units' liaisons, who sign for and answer the complaints dispatched
 * to their department or district (cb_d012: the twelfth department), one
 * per entry of dd_departments then dd_districts. Surnames none of the
 * staff above has: a list showing the name alone tells them apart. */
static const char *const dd_liaison_names[][2] = {
    {"cb_d001", "马斌"}, {"cb_d002", "郑静"}, {"cb_d003", "何勇"}, {"cb_d004", "罗洁"},
    {"cb_d005", "梁涛"}, {"cb_d006", "宋慧"}, {"cb_d007", "谢峰"}, {"cb_d008", "韩琳"},
    {"cb_d009", "唐凯"}, {"cb_d010", "冯雪"}, {"cb_d011", "许超"}, {"cb_d012", "马颖"},
    {"cb_d013", "郑斌"}, {"cb_d014", "何静"}, {"cb_d015", "罗勇"}, {"cb_d016", "梁洁"},
    {"cb_d017", "宋涛"}, {"cb_d018", "谢慧"}, {"cb_d019", "韩峰"}, {"cb_d020", "唐琳"},
    {"cb_d021", "冯凯"}, {"cb_d022", "许雪"}, {"cb_d023", "马超"}, {"cb_d024", "郑颖"},
    {"cb_d025", "何斌"}, {"cb_d026", "罗静"}, {"cb_d027", "梁勇"}, {"cb_d028", "宋洁"},
    {"cb_d029", "谢涛"}, {"cb_d030", "韩慧"}, {"cb_d031", "唐峰"}, {"cb_d032", "冯琳"},
    {"cb_d033", "许凯"}, {"cb_d034", "马雪"}, {"cb_d035", "郑超"}, {"cb_d036", "何颖"},
    {"cb_d037", "罗斌"}, {"cb_d038", "梁静"}, {"cb_d039", "宋勇"}, {"cb_d040", "谢洁"},
    {"cb_d041", "韩涛"}, {"cb_d042", "唐慧"}, {"cb_d043", "冯峰"}, {"cb_d044", "许琳"},
    {"cb_d045", "马凯"}, {"cb_d046", "郑雪"}, {"cb_d047", "何超"}, {"cb_d048", "罗颖"},
    {"cb_d049", "梁斌"}, {"cb_d050", "宋静"}, {"cb_d051", "谢勇"}, {"cb_d052", "韩洁"},
    {"cb_d053", "唐涛"}, {"cb_d054", "冯慧"}, {"cb_d055", "许峰"}, {"cb_d056", "马琳"},
    {"cb_d057", "郑凯"}, {"cb_d058", "何雪"}, {"cb_d059", "罗超"}, {"cb_d060", "梁颖"},
    {"cb_d061", "宋斌"}, {"cb_d062", "谢静"}, {"cb_d063", "韩勇"}, {"cb_d064", "唐洁"},
    {"cb_d065", "冯涛"}, {"cb_d066", "许慧"}, {"cb_d067", "马峰"}, {"cb_d068", "郑琳"},
    {"cb_d069", "何凯"}, {"cb_d070", "罗雪"}, {"cb_d071", "梁超"}, {"cb_d072", "宋颖"},
    {"cb_d073", "谢斌"}, {"cb_d074", "韩静"}, {"cb_d075", "唐勇"}, {"cb_d076", "冯洁"},
    {"cb_d077", "许涛"}, {"cb_d078", "马慧"}, {"cb_d079", "郑峰"}, {"cb_d080", "何琳"},
    {"cb_d081", "罗凯"}, {"cb_d082", "梁雪"}, {"cb_d083", "宋超"}, {"cb_d084", "谢颖"},
    {"cb_d085", "韩斌"}, {"cb_d086", "唐静"}, {"cb_d087", "冯勇"}, {"cb_d088", "许洁"},
    {"cb_d089", "马涛"}, {"cb_d090", "郑慧"}, {"cb_d091", "何峰"}, {"cb_d092", "罗琳"},
    {"cb_d093", "梁凯"}, {"cb_d094", "宋雪"}, {"cb_q001", "谢超"}, {"cb_q002", "韩颖"},
    {"cb_q003", "唐斌"}, {"cb_q004", "冯静"}, {"cb_q005", "许勇"}, {"cb_q006", "马洁"},
    {"cb_q007", "郑涛"}, {"cb_q008", "何慧"}, {"cb_q009", "罗峰"},
};

#endif
