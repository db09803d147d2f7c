"""The program's terms as its documents define them, each in the document's own words with the
clause it stands in: an official who meets 完善类 or 续筹 on a page reads what the city's
document means by it, not Anju's paraphrase."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # its place on the glossary page, which pages link to: /policy/glossary/#basic
    term: str
    citation: str
    words: str  # the document's words, as they stand in the clause


GLOSSARY: tuple[Term, ...] = (
    Term(
        "basic",
        "基础类",
        "chongqing-2021 §2.(2)1",
        "即满足居民安全需要和基本生活需求的内容，包括水电气讯、排水、道路、消防、安防、"
        "生活垃圾分类等。",
    ),
    Term(
        "complete",
        "完善类",
        "chongqing-2021 §2.(2)2",
        "即满足居民生活便利需要和改善型生活需求的内容，包括小区及周边违法建筑拆除、绿化、照明，"
        "改造或建设小区及周边适老设施、无障碍设施、停车库（场）、加装电梯、充电设施、文体设施、"
        "物业用房等配套设施。",
    ),
    Term(
        "upgrade",
        "提升类",
        "chongqing-2021 §2.(2)3",
        "即丰富社区服务供给、提升居民生活品质、立足小区及周边实际条件积极推进的内容，"
        "包括改造或建设小区及周边的社区综合服务设施、公共卫生设施以及养老、托幼、助餐、"
        "家政保洁、菜市场、便利店等社区专项服务设施。",
    ),
    Term(
        "two-banks",
        "两库两平台",
        "chongqing-2021 §3.(2)3",
        "建立项目储备库和专家咨询库，搭建事务管理平台和技术支撑平台，完善“两库两平台”工作机制。",
    ),
    Term(
        "packing",
        "打包编制方案",
        "puyang-2020 §3.(1)4",
        "对零散居民住宅楼,应当按照就近成片、便于管理的原则,划分区域或者道路区块,打包编制方案,"
        "组团实施改造提升。",
    ),
    Term(
        "owner-model",
        "项目业主模式",
        "wuhan-2021 §2.(3)3",
        "探索工程总承包(EPC)、企业代建、建设—经营—转让(BOT)等模式和国企平台、"
        "区直相关部门直接参与作为项目业主等模式",
    ),
    Term(
        "commitment",
        "告知承诺制",
        "chongqing-2021 §5.(1)",
        "不涉及建筑主体结构变动的低风险项目（含加装电梯工程），实行项目建设单位告知承诺制的，"
        "可依法依规免于办理项目建设环境影响评价相关手续，各项行政许可不应以施工图审查合格作为前置条件。",
    ),
    Term(
        "fund",
        "住宅专项维修资金补建、续筹",
        "puyang-2020 §4.(3)",
        "对未建立住宅专项维修基金或住宅专项维修基金余额不足首期筹集金额30%的老旧小区,"
        "要按照《住宅专项维修资金管理办法》(建设部财政部令第165号)等相关规定进行补建或续筹,"
        "用于老旧小区改造提升和后续管理提升。",
    ),
    Term(
        "residents-acceptance",
        "民意验收",
        "wuhan-2021 §2.(2)3",
        "将居民满意度纳入评价指标,加强老旧小区改造全程跟踪监管,鼓励有技术专长的小区居民参与"
        "改造工程监督,实现“民意验收”与专业验收相结合。",
    ),
    Term(
        "ledger",
        "台账、登记和销号",
        "puyang-2020 §5.(3)",
        "要逐级建立老旧小区改造提升台账,实行项目登记和销号制度",
    ),
    Term(
        "monthly-review",
        "按月督导考核",
        "puyang-2020 §5.(3)",
        "制定老旧小区改造提升督导考核办法,对县(区)、部门工作情况按月进行督导考核。",
    ),
    Term(
        "oversight",
        "全过程监管",
        "puyang-2020 §3.(2)4",
        "县(区)住房城乡建设部门要强化老旧小区改造提升项目全过程监管,严禁拆分改造内容规避招标,"
        "严查明招暗定和围标、串标等违法行为,严格标后履约核查,择优选择队伍,保障居民权益。",
    ),
    Term(
        "openness",
        "阳光操作",
        "puyang-2020 §3.(2)2",
        "项目实施要依法依规,阳光操作,将施工招投标、改造资金拨付、物业企业选择、服务内容、"
        "收费标准等向居民公开。",
    ),
    Term(
        "central-purchasing",
        "集中招标采购",
        "chongqing-2021 §5.(1)",
        "鼓励设施、设备、材料等大宗商品进行集中招标采购，降低成本。",
    ),
    Term(
        "interview",
        "约谈",
        "chongqing-2021 §6.(4)",
        "对政策措施落实不到位、执行政策推诿扯皮、项目建设进度缓慢、质量安全问题突出的进行约谈。",
    ),
)

TERMS = {term.key: term for term in GLOSSARY}
