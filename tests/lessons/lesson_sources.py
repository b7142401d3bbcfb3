"""The lesson notebooks' source: prose per language and the one-line tool calls.

Run ``python tests/lessons/lesson_sources.py`` to write notebooks/en/*.ipynb and notebooks/zh/*.ipynb;
tests/lessons/test_notebooks.py fails when a committed notebook differs from what this file generates.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETUP = "from coachlab.widgets.page import setup_page\nlang = setup_page()"


def md(en: str, zh: str) -> tuple[str, dict[str, str]]:
    return ("markdown", {"en": en.strip(), "zh": zh.strip()})


def code(source: str) -> tuple[str, str]:
    return ("code", source.strip())


def practise(slug: str) -> list:
    return [md("## Practise\nRehearse the conversation in a role-play, then try the exercises.",
               "## 练一练\n先在角色扮演中演练对话，再完成练习。"),
            code(f'from coachlab.widgets import lesson_links\nlesson_links("{slug}", lang)')]


def check(slug: str) -> list:
    return [md("## Check your understanding\nEvery option explains itself once you check.",
               "## 检验理解\n提交后，每个选项都会给出解释。"),
            code(f'from coachlab.widgets import knowledge_check\nknowledge_check("{slug}", lang)')]


LESSONS: list[dict] = [
    {"slug": "00-first-line-manager",
     "title": {"en": "00 · The first-line manager and the KPIs of customer service", "zh": "00 · 一线经理与客服核心指标"},
     "cells": [
        md("""
# The first-line manager and the KPIs of customer service

**By the end of this lesson you can**
- say what customers and companies now expect from a service centre, and what that asks of its team leads;
- read the core KPIs together (FCR, CSAT, AHT, occupancy, adherence, QA) and spot the story behind them;
- tell managing from leading, and name the four basic tasks of a manager;
- explain how a first-line manager differs from a top agent, and the three jobs that matter most.
""", """
# 一线经理与客服核心指标

**学完本课，你能够**
- 说出客户和企业如今对客服中心的期待，以及这对班组长意味着什么；
- 把核心指标（首解率、满意度、AHT、占用率、排班遵从率、质检分）放在一起读，看出背后的故事；
- 区分管理与领导，说出管理者的四项基本工作；
- 讲清一线经理与优秀客服的不同，以及最重要的三项工作。
"""),
        code(SETUP),
        md("""
## Where customer service stands
Simple questions now go to self-service and chatbots, so the calls that reach an agent are the harder ones: a billing dispute, a blocked card, an angry repeat caller. Companies judge the centre on whether it *solves* problems (resolution, process, complete answers); team leads are judged on whether their agents get better at solving them, with warmth and a personal touch. The team lead is the hub between customers, the company and the agents: policies flow down through you, and what customers really experience flows up through you.

## The numbers a team lead is judged on
| KPI | what it tells you | realistic range |
|---|---|---|
| **FCR**, first-contact resolution | solved on the first contact | ~70 % average, 80 %+ world-class |
| **CSAT** | customers satisfied (top box) | 85 %+ world-class |
| **AHT**, average handle time | minutes per contact | ~6 min; new hires higher |
| **Occupancy** | share of logged-in time on contacts | 75–85 %; above 90 % burns people out |
| **Adherence** | working to the schedule | ~93 % |
| **QA** | quality-review score | only weakly linked to CSAT |

Read them **together**. One point of FCR buys about one point of CSAT. Short AHT with low FCR means rushed calls: the work comes back as repeat calls. Months above 90 % occupancy lengthen calls and push people to leave.
""", """
## 客服行业的现状
简单问题越来越多地交给自助服务和机器人，能转到人工的往往是更难的：账单争议、银行卡被冻结、反复来电的愤怒客户。企业看客服中心能不能**真正解决问题**（解决能力、流程、方案是否完善）；班组长则要看下属解决问题的能力有没有提升，服务是否有温度、有个性。班组长是客户、公司和客服之间的枢纽：政策经你传达下去，客户的真实体验经你反映上来。

## 班组长被考核的指标
| 指标 | 反映什么 | 合理范围 |
|---|---|---|
| **首解率（FCR）** | 第一次接触就解决 | 平均约70%，80%以上为一流 |
| **满意度（CSAT）** | 客户满意（最高档） | 85%以上为一流 |
| **AHT** 平均处理时长 | 每次接触的分钟数 | 约6分钟；新人偏高 |
| **占用率** | 在线时间中处理业务的占比 | 75–85%；超过90%人会被耗尽 |
| **排班遵从率** | 按排班工作 | 约93% |
| **质检分** | 质检评分 | 与满意度只有弱相关 |

要把指标**放在一起**看。首解率每提高1个百分点，满意度大约也提高1个点。AHT短而首解率低，说明在赶通话：工作会以重复来电的形式回来。占用率超过90%的月份，通话变长，离职也会增加。
"""),
        md("""
## Explore a team's year
Below is a synthetic team. Look for: the months with red bands (occupancy above 90 %): what happens to AHT? The red dots on the right: agents who rush. Then pick one agent and compare them with the team.
""", """
## 看一个班组的一年
下面是一个模拟班组。请留意：红色区域的月份（占用率超过90%），AHT怎么变化？右图中的红点是赶通话的客服。然后选一位客服，和班组平均比一比。
"""),
        code("from coachlab.widgets import kpi_explorer\nkpi_explorer(lang)"),
        md("""
## Managing and leading
**Managing** keeps the work running within agreed limits: plans, rosters, rules, numbers. **Leading** gives people a reason and the confidence to go beyond them. A team lead needs both. The four basic tasks of a manager: **plan** (goals and how to reach them), **organise** (people, shifts, resources), **lead** (communicate, motivate, coach) and **control** (check progress and correct course).

## The first-line manager
You were probably promoted because you were a great agent. Now your value is **results through others**: the team's FCR, not your own. What changes: you are measured on the team, you spend your time on people rather than on calls, and you stand between the company and the agents. Three jobs matter most: **deliver the numbers** (goals, monitoring, process), **develop the people** (feedback, coaching, fair assessment) and **build the team** (trust, communication, a climate people want to work in).

*Exercise for the group:* take "a day in the life of a team lead" (huddle, floor walk, escalation, 1:1, report) and mark which of the three jobs each moment serves.
""", """
## 管理与领导
**管理**是让工作在约定的范围内运转：计划、排班、规则、数字。**领导**是给人理由和信心，让他们做得更好。班组长两者都需要。管理者的四项基本工作：**计划**（目标和实现路径）、**组织**（人员、班次、资源）、**领导**（沟通、激励、辅导）和**控制**（检查进度、纠正偏差）。

## 一线经理
你很可能是因为做客服做得好才被提拔的。现在你的价值在于**通过他人拿结果**：看的是班组的首解率，而不是你自己的。变化在于：你按团队被考核，时间花在人身上而不是电话上，你站在公司和客服之间。最重要的三项工作：**达成业绩**（目标、监控、流程）、**培养下属**（反馈、辅导、公正评估）和**建设团队**（信任、沟通、让人愿意留下的氛围）。

*小组练习：*拿“一线经理的一天”（班前会、巡场、处理升级、一对一、写报告）来看，每个时刻分别服务于三项工作中的哪一项？
"""),
        *check("00-first-line-manager"),
        *practise("00-first-line-manager"),
     ]},
    {"slug": "01-learning-golden-circle",
     "title": {"en": "01 · Managing yourself: learning ability and the golden circle", "zh": "01 · 管理自我：学习力与黄金圈"},
     "cells": [
        md("""
# Managing yourself: learning ability and the golden circle

**By the end of this lesson you can**
- explain what learning ability is and why a team lead's must keep pace with the company;
- place your skills on the three levels of ability;
- recognise the low-diligence trap, and get out of it with the golden circle and red–green contrast thinking.
""", """
# 管理自我：学习力与黄金圈

**学完本课，你能够**
- 解释什么是学习力，为什么班组长的学习力要跟上企业发展；
- 把自己的能力放到“能力的三个层级”上；
- 识别“低勤奋陷阱”，并用黄金圈和红绿反差思维走出来。
"""),
        code(SETUP),
        md("""
## What learning ability is
Learning ability is how fast you turn new information into better action: a new product, a new channel, a new policy, a new kind of complaint. In service it is a competitive edge: the centre that learns faster solves more on the first call. A team that learns together (sharing what worked in huddles, writing it down) becomes a learning organisation; it starts with the lead doing it visibly.

## Three levels of ability
1. **Knowing**: you can explain the refund policy.
2. **Doing**: you can handle a refund call well yourself.
3. **Transferring**: you can get a new agent to handle it well. A team lead is paid for level three.

## The low-diligence trap
Working long hours on the same things, re-checking every ticket and taking the hard calls yourself, feels diligent but keeps the team dependent and the results flat. Two ways of thinking get you out:
- **Golden circle** (Simon Sinek's popular model): start with **why** (the purpose), then **how** (the method), then **what** (the visible action). Sinek links it to how the brain works; treat that as lore, but the order works: people commit to a why, then own the how.
- **Red–green contrast**: red thinking defends ("the system is the problem"); green thinking asks what can be learned ("which step slows us down, and who has a shortcut?").
""", """
## 什么是学习力
学习力就是把新信息转化为更好行动的速度：新产品、新渠道、新政策、新类型的投诉。在客服行业，学习力就是竞争力：学得更快的中心，一次解决的问题更多。一个一起学习的团队（在班前会分享有效做法、把它写下来）会成为学习型组织，而这要从组长带头做起。

## 能力的三个层级
1. **知道**：你能讲清退款政策。
2. **做到**：你自己能把退款来电处理好。
3. **教会**：你能让新人也处理好。班组长拿的是第三层级的薪水。

## 低勤奋陷阱
长时间做同样的事，亲自复查每张工单、亲自接最难的电话，看起来很勤奋，却让团队越来越依赖你，业绩原地踏步。两种思维可以帮你走出来：
- **黄金圈**（西蒙·斯涅克提出的流行模型）：先讲**为什么**（目的），再讲**怎么做**（方法），最后讲**做什么**（看得见的行动）。斯涅克把它和大脑结构联系起来，这一点听听即可，但这个顺序确实有效：人先认同“为什么”，才会主动承担“怎么做”。
- **红绿反差思维**：红色思维在辩护（“是系统的问题”）；绿色思维在问能学到什么（“哪一步拖慢了我们？谁有更快的办法？”）。
"""),
        md("## Build your golden circle", "## 构建你的黄金圈"),
        code("from coachlab.widgets import golden_circle\ngolden_circle(lang)"),
        md("""
*Group discussion:* use the golden circle to introduce a change your team resists (e.g. a new after-call note format). Who says the why, and how do you check people have understood it?
""", """
*小组研讨：*用黄金圈来介绍一项团队抵触的变化（例如新的通话后备注格式）。由谁来讲“为什么”？你怎样确认大家真的理解了？
"""),
        *check("01-learning-golden-circle"),
        *practise("01-learning-golden-circle"),
     ]},
    {"slug": "02-swot",
     "title": {"en": "02 · Managing yourself: the SWOT self-scan", "zh": "02 · 管理自我：SWOT自我扫描"},
     "cells": [
        md("""
# Managing yourself: the SWOT self-scan

**By the end of this lesson you can**
- explain where SWOT comes from and what the four letters mean;
- use it to find a breakthrough point, sharpen your position and focus resources;
- derive the four strategies: SO (growth), WO (turnaround), ST (diversify) and WT (defend) for yourself or your team.
""", """
# 管理自我：SWOT自我扫描

**学完本课，你能够**
- 说出SWOT的由来和四个字母的含义；
- 用它找到突破口、明确定位、聚焦资源；
- 为自己或班组推导四类策略：SO（增长型）、WO（扭转型）、ST（多元型）和WT（防御型）。
"""),
        code(SETUP),
        md("""
## What SWOT is
SWOT grew out of business-strategy work in the 1960s: look **inside** at Strengths and Weaknesses, look **outside** at Opportunities and Threats, then match them. For a team lead it does three things: finds a breakthrough point in a crowded situation, clarifies where you stand (play to strengths, patch weaknesses), and focuses scarce resources (training hours, your own time) where they pay.

**Inside or outside?** "Three agents speak Cantonese" is a strength; "headquarters funds a coaching programme" is an opportunity; "peak season with no extra headcount" is a threat.

## From four lists to four strategies
| | Opportunities | Threats |
|---|---|---|
| **Strengths** | **SO, growth**: use a strength to seize an opportunity | **ST, diversify**: use a strength to soften a threat |
| **Weaknesses** | **WO, turnaround**: use an opportunity to fix a weakness | **WT, defend**: shore up a weakness before a threat hits |

Example: strength *best billing knowledge*, opportunity *self-service app launch* → SO: the team coaches customers onto the app and becomes the billing escalation desk. Weakness *four slow new hires*, threat *November peak* → WT: pair each new hire with a buddy and build a billing quick-reference before November.
""", """
## 什么是SWOT
SWOT源于20世纪60年代的企业战略分析：向**内**看优势和劣势，向**外**看机会和威胁，再把它们配对。对班组长来说，它有三个作用：在复杂局面中找到突破口；明确定位，扬长补短；把有限的资源（培训时间、你自己的精力）聚焦到最有回报的地方。

**内部还是外部？**“三位客服会说粤语”是优势；“总部出资做辅导项目”是机会；“大促期间不增加人手”是威胁。

## 从四张清单到四类策略
| | 机会（O） | 威胁（T） |
|---|---|---|
| **优势（S）** | **SO增长型**：发挥优势抓住机会 | **ST多元型**：用优势化解威胁 |
| **劣势（W）** | **WO扭转型**：借助机会弥补劣势 | **WT防御型**：在威胁到来前补上短板 |

例：优势“账单业务最熟”、机会“自助App上线”→ SO：班组引导客户使用App，并成为账单问题的升级处理组。劣势“四名新人速度慢”、威胁“11月大促”→ WT：大促前给每位新人配一位搭档，并做一份账单速查表。
"""),
        md("## Your SWOT board\nScan yourself as a team lead, or your team. Then read the strategies: which one will you act on this month?",
           "## 你的SWOT分析板\n以班组长的身份扫描你自己，或扫描你的班组。然后读一读推导出的策略：这个月你要落实哪一条？"),
        code("from coachlab.widgets import swot_board\nswot_board(lang)"),
        *check("02-swot"),
        *practise("02-swot"),
     ]},
    {"slug": "03-goals-smart",
     "title": {"en": "03 · Managing the work: goals, SMART and process supervision", "zh": "03 · 管理业务：目标、SMART与过程管理"},
     "cells": [
        md("""
# Managing the work: goals, SMART and process supervision

**By the end of this lesson you can**
- define a goal and name its five elements;
- set a goal in five steps and check it against SMART;
- protect it with the three safeguards, supervise the process, and keep the team executing.
""", """
# 管理业务：目标、SMART与过程管理

**学完本课，你能够**
- 说出目标的定义和五个要素；
- 用五个步骤设定目标，并用SMART检验；
- 用三个保障守住目标，做好过程监督，保持团队执行力。
"""),
        code(SETUP),
        md("""
## What a goal is
A goal is a result you commit to by a date. Its five elements: **what** is measured (the metric), **how much** (baseline and target), **by when** (deadline), **who** owns it, and **with what** (resources and support).

## Five steps to set a goal
1. **Understand it**: break the company goal into keywords ("FCR", "billing", "Q3").
2. **Set it** by seven principles: specific, measurable, agreed with those who carry it, realistic yet stretching, relevant to the centre's goal, dated, and written down.
3. **Anticipate obstacles** and how you will handle them (peak weeks, new hires, a system change).
4. **List the supports**: training, tools, time off the phones for coaching.
5. **Fix the deadline**, with a note on how much flexibility there is.

## SMART
George Doran (1981) asked for goals that are **S**pecific, **M**easurable, **A**chievable, **R**elevant and **T**ime-bound. Compare "improve satisfaction" with "raise FCR on billing calls from 64 % to 70 % by the end of Q3". Watch for vague verbs (improve, strengthen, try), a missing baseline or date, a target outside the person's control, and jumps no team can make (FCR rarely moves more than a few points a month).

## Three safeguards
**Feasibility** (check the numbers and the resources), **prevention** (decide now what you will do if the peak hits), **buy-in** (the people who carry the goal helped shape it).

## Process supervision and execution
Three gates: a clear plan before starting, checkpoints along the way, and a review at the end. Three steps at each checkpoint: **check** against the milestone, **diagnose** the gap with the team, **adjust** the plan, then tell people where things stand. Execution is quick action after planning and honest communication of progress.
""", """
## 什么是目标
目标是承诺在某个日期前达成的结果。五个要素：衡量**什么**（指标）、达到**多少**（基线和目标值）、**何时**完成（期限）、**谁**负责、**靠什么**（资源与支持）。

## 设定目标的五个步骤
1. **理解目标**：把公司目标拆成关键词（“首解率”“账单”“三季度”）。
2. **设定目标**，遵循七个原则：具体、可衡量、与执行者达成共识、现实又有挑战、与中心目标相关、有期限、形成书面文字。
3. **预想障碍**及应对办法（高峰周、新人、系统变更）。
4. **列出支撑因子**：培训、工具、离线辅导时间。
5. **确定期限**，并说明可以弹性调整的范围。

## SMART
乔治·多兰（1981）提出目标应当**具体**（S）、**可衡量**（M）、**可实现**（A）、**相关**（R）、**有时限**（T）。比较“提升满意度”和“三季度末前把账单来电首解率从64%提升到70%”。注意避免：模糊动词（提升、加强、尽量）、没有基线或期限、目标超出当事人的控制、任何团队都做不到的跳跃（首解率每月很少提升超过几个百分点）。

## 保障目标实现的三个注意点
**可行性**（核对数字和资源）、**事先预防**（现在就想好高峰来了怎么办）、**获得认同**（承担目标的人参与了制定）。

## 过程监督与执行力
过程管理的三个关卡：开始前有清晰计划、过程中有检查点、结束后有复盘。每个检查点的三个步骤：对照里程碑**检查**、和团队一起**诊断**差距、**调整**计划，并告诉大家进展。执行力就是计划后快速行动，并如实沟通进度。
"""),
        md("## Build a SMART goal and break it down", "## 构建SMART目标并分解"),
        code("from coachlab.widgets import smart_builder\nsmart_builder(lang)"),
        *check("03-goals-smart"),
        *practise("03-goals-smart"),
     ]},
    {"slug": "04-review",
     "title": {"en": "04 · Managing the work: 复盘, the after-action review", "zh": "04 · 管理业务：业务复盘"},
     "cells": [
        md("""
# Managing the work: 复盘, the after-action review

**By the end of this lesson you can**
- explain what a 复盘 is, why it matters and what it is not;
- run one in six steps and write it up as a document;
- use the ten-question list, the worksheet and team co-creation.
""", """
# 管理业务：业务复盘

**学完本课，你能够**
- 说清什么是复盘、为什么要复盘，以及复盘不是什么；
- 按六个步骤完成一次复盘，并形成文档；
- 使用复盘十问、复盘工作表和团队共创法。
"""),
        code(SETUP),
        md("""
## What a 复盘 is
The word comes from Go players replaying a game move by move after it ends. At work it means going back over a piece of work (a campaign, a peak week, an escalation that went wrong) to find what to repeat and what to change. It is how one team's experience becomes everyone's rule.

**What it is not**: proving you were right; going through the motions; a blame session; blaming only outside causes ("the system", "customers"); jumping to conclusions before the facts are on the table.

## Six steps
1. **Review the goal**: what exactly did we set out to achieve?
2. **Narrate the process**: what happened, in order, facts only.
3. **Evaluate the results**: where did we beat or miss the goal, and by how much?
4. **Analyse the causes**: start with what we controlled, then outside factors.
5. **Derive the rules**: "when …, we …": something that holds next time.
6. **Document**: keep / start / stop, each with an owner and a date; share it.

## Tools
The **ten-question list** (in the worksheet below) keeps a review honest. The **worksheet** keeps it in order. **Team co-creation**: everyone writes causes on cards in silence, then the team clusters them; the quietest agent's card counts as much as the lead's.
""", """
## 什么是复盘
“复盘”来自围棋：对局结束后，棋手把棋一步步重新摆一遍。在工作中，它指回顾一件事（一次活动、一个高峰周、一次处理失败的升级投诉），找出哪些要保持、哪些要改变。复盘能把一个团队的经验变成所有人的规律。

**复盘不是**：证明自己正确；走过场；追责会；只找外部原因（“系统”“客户”）；事实还没摆清就下结论。

## 六个步骤
1. **回顾目标**：当初具体想达成什么？
2. **叙述过程**：按顺序，发生了什么，只讲事实。
3. **评估结果**：哪里超出、哪里没达到目标，差多少？
4. **分析原因**：先找我们自己能掌控的，再看外部因素。
5. **推演规律**：“当……时，我们……”，下次也成立的结论。
6. **形成文档**：继续做什么、开始做什么、停止做什么，各有负责人和期限，并分享出去。

## 复盘工具
**复盘十问**（见下方工作表）让复盘保持诚实；**复盘思维梳理表**让复盘有条理；**团队共创法**：每人先安静地把原因写在卡片上，再一起归类，最安静的客服写的卡片和组长的同样重要。
"""),
        md("## Your 复盘 worksheet\nPick something from the last month. The check points out the pitfalls above before you share the document.",
           "## 你的复盘工作表\n选一件上个月发生的事。在分享文档之前，检查会指出上面提到的误区。"),
        code("from coachlab.widgets import review_worksheet\nreview_worksheet(lang)"),
        *check("04-review"),
        *practise("04-review"),
     ]},
    {"slug": "05-communication-feedback",
     "title": {"en": "05 · Managing the team: listening, trust and BIA/BID feedback", "zh": "05 · 管理团队：倾听、信任与BIA/BID反馈"},
     "cells": [
        md("""
# Managing the team: listening, trust and BIA/BID feedback

**By the end of this lesson you can**
- avoid the common communication pitfalls in a team;
- listen through the five processes, recognise ineffective listening and use 3F listening;
- use the Johari window and communication positions to build trust;
- give positive feedback with BIA and developmental feedback with BID.
""", """
# 管理团队：倾听、信任与BIA/BID反馈

**学完本课，你能够**
- 避开团队沟通中的常见雷区；
- 走完倾听的五个过程，识别无效倾听，运用3F倾听法；
- 用沟通视窗和沟通心理地位建立信任；
- 用BIA给正向反馈，用BID给建设性反馈。
"""),
        code(SETUP),
        md("""
## Communication pitfalls
Three kinds trip team leads up: **blocked channels** (news reaches agents through rumour before the huddle), **bias** (deciding what an agent meant before hearing them), and **the wrong mode** (a policy change announced in a chat message, a warning given in front of the floor).

## Communication starts with listening
Listening runs through five processes: **receiving** the words, **attending** to the person, **understanding** the meaning, **responding** so they know you understood, and **remembering** what matters. Five kinds of ineffective listening: pretending, selective listening, interrupting, jumping to advice, and listening only to reply. The causes are usually time pressure, assumptions and the urge to fix. Levels rise from ignoring, pretending and selective to attentive and empathic listening.

**3F listening**: **Fact**: restate what happened; **Feeling**: name the emotion; **Focus**: check the need behind it. "Ten minutes of shouting and then a low QA score (fact): that sounds exhausting (feeling). Is it the score, or that the context was ignored (focus)?" **Two-level feedback**: first show you heard (level one), then add your view (level two).
""", """
## 沟通雷区
三类问题最容易让班组长踩雷：**沟通不畅**（班前会还没开，客服已从小道消息里听说了）、**沟通偏见**（还没听对方说完，就认定了他的意思）和**沟通方式不当**（用聊天消息宣布政策调整，当着全场的面批评人）。

## 沟通始于倾听
倾听有五个过程：**接收**信息、**注意**对方、**理解**意思、**回应**让对方知道你听懂了、**记住**关键信息。无效倾听的五种类型：假装在听、选择性地听、打断、急着给建议、只为了回嘴而听。原因通常是时间压力、先入为主和急于解决问题。倾听的层次从忽视、假装、选择性地听，上升到专注地听和同理心倾听。

**3F倾听法**：**事实（Fact）**：复述发生了什么；**感受（Feeling）**：说出对方的情绪；**意图（Focus）**：确认背后的需求。“被吼了十分钟还被扣质检分（事实），听起来真的很累（感受）。你更在意的是分数，还是当时的情况没被考虑（意图）？”**二级反馈法**：先让对方知道你听到了（第一级），再说出你的看法（第二级）。
"""),
        md("## Test your listening", "## 倾听能力自测"),
        code("from coachlab.widgets import listening_test\nlistening_test(lang)"),
        md("""
## Trust and respect
**Johari window** (Luft and Ingham): the **open** area (known to you and others), the **blind** area (others see it, you do not), the **hidden** area (you know, others do not) and the **unknown**. Asking for feedback shrinks the blind area; sharing about yourself shrinks the hidden one. A larger open area means faster, franker talk. A "mask interview" exercise (pairs ask each other what they wish colleagues knew about them) widens it quickly.

**Communication positions** (Ernst's OK corral): *I'm OK, you're OK* (get on with it: solve together); *I'm OK, you're not* (get rid of: blaming, lecturing); *I'm not OK, you are* (get away from: giving in, avoiding); *neither OK* (get nowhere). Most feedback goes wrong from the second position.

## Coaching feedback: BIA and BID
**BIA** for work done well: **Behaviour** (specific and observed on an occasion) + **Impact** (on the customer, team or a metric) + **Appreciation**. "On yesterday's 3 pm call with Ms Wang you repeated her problem back before answering; she told the survey she finally felt understood. Thank you."
**BID** when something needs to change: **Behaviour** + **Impact** + **Development** (a concrete next behaviour). "In Tuesday's three refund tickets the notes had no order number, so the next agent had to call the customer again. Next time, put it in the first line."
Advanced steps: for BIA, invite the agent to say what made it work and to share it with the team; for BID, ask for their view first, agree the next behaviour together, and set a date to look at it again.
Pitfalls: labels (careless, 不负责任), absolutes (always, never), guessing motives, "everyone thinks", vague praise, the sandwich, threats, and going on too long.
""", """
## 信任与尊重
**沟通视窗**（乔哈里窗，Luft与Ingham）：**开放区**（自己知道、别人也知道）、**盲目区**（别人知道、自己不知道）、**隐藏区**（自己知道、别人不知道）和**未知区**。主动请别人反馈，盲目区会缩小；适度自我表露，隐藏区会缩小。开放区越大，沟通越快、越坦诚。“面具访谈”练习（两人一组，互相问“你希望同事了解你的哪一点”）能很快扩大开放区。

**沟通中的心理地位**（Ernst的“OK象限”）：*我好，你也好*（一起解决问题）；*我好，你不好*（指责、说教）；*我不好，你好*（退让、回避）；*我不好，你也不好*（僵局）。大多数反馈失败，都源于第二种地位。

## 教练式反馈：BIA与BID
**BIA**用于做得好的时候：**行为**（在具体场合观察到的具体动作）+ **影响**（对客户、团队或指标）+ **感谢**。“昨天下午3点王女士的电话里，你先复述了她的问题再回答，她在回访中说终于有人听懂她了。谢谢你。”
**BID**用于需要改变的时候：**行为** + **影响** + **发展**（具体的下一步行为）。“周二的三张退款工单备注里没有订单号，下一位同事只好再给客户打电话。以后请把订单号写在第一行。”
进阶步骤：BIA之后，请对方说说做对的原因，并在团队里分享；BID之前，先听对方的看法，一起约定下一步行为，再定一个回看的日期。
误区：贴标签（马虎、不负责任）、绝对化（总是、从来）、揣测动机、“大家都觉得”、笼统表扬、三明治、威胁，以及说得太长。
"""),
        md("## Practise BIA and BID", "## 练习BIA与BID"),
        code("from coachlab.widgets import feedback_drills\nfeedback_drills(lang)"),
        *check("05-communication-feedback"),
        *practise("05-communication-feedback"),
     ]},
    {"slug": "06-coaching-grow",
     "title": {"en": "06 · Managing the team: coaching with GROW and the performance interview", "zh": "06 · 管理团队：GROW教练辅导与绩效面谈"},
     "cells": [
        md("""
# Managing the team: coaching with GROW and the performance interview

**By the end of this lesson you can**
- say when to coach, and how coaching differs from instruction;
- plan a coaching conversation with GROW;
- prepare, run and follow up a performance interview with one agent, from their data.
""", """
# 管理团队：GROW教练辅导与绩效面谈

**学完本课，你能够**
- 说出什么时候该辅导，以及教练式辅导与传统指导的区别；
- 用GROW规划一次辅导谈话；
- 基于一位客服的数据，准备、进行并跟进一次绩效面谈。
"""),
        code(SETUP),
        md("""
## Coaching: what and when
Coaching is helping someone find and act on their own way to improve. Coach **when** a number moves (FCR dips in July), after a notable call (good or bad), when someone takes on something new, and in regular 1:1s; not in the middle of a live escalation, where you instruct.

**Instruction vs coaching**: instruction tells ("follow the troubleshooting guide"); coaching asks ("what happens on the calls that end without a fix?"). Instruction is fast for a new hire on day one; coaching builds agents who solve the next problem without you. Three levels: **tell** (show how), **guide** (ask and suggest), **empower** (ask and let them decide). The underlying belief: the agent has more answers than you think.

## GROW
- **Goal**: what do you want, and how will you know? ("What would you like to be different on billing calls by month end?")
- **Reality**: what is happening, what have you tried, what is in the way? Do not skip it.
- **Options**: what else could you do? Get three before judging any.
- **Will**: what exactly, by when, what support, how committed (1–10)?

Pitfalls: advice disguised as questions ("don't you think…?"), closed questions, strings of "why" that sound like blame, and a Will with no date.
""", """
## 辅导：是什么，什么时候
辅导是帮助对方找到并落实自己的改进方法。**什么时候**辅导：某个指标变化时（7月首解率下滑），一通值得关注的电话之后（无论好坏），有人承担新任务时，以及定期的一对一。正在处理的紧急升级中不适合辅导，那时应该直接指导。

**传统指导与教练辅导**：指导是告诉（“按排障指南来”）；辅导是提问（“那些没解决就结束的通话里发生了什么？”）。新人第一天，指导更快；而辅导能培养出不需要你也能解决下一个问题的客服。辅导的三个层次：**告知**（示范怎么做）、**引导**（提问并建议）、**授权**（提问并让对方决定）。背后的观念是：对方拥有的答案比你以为的更多。

## GROW
- **目标（Goal）**：你想要什么？怎么知道做到了？（“到月底，你希望账单来电有什么不同？”）
- **现状（Reality）**：正在发生什么？试过什么？什么在阻碍？不要跳过这一步。
- **方案（Options）**：还可以怎么做？先想出三个，再评估。
- **行动（Will）**：具体做什么、何时、需要什么支持、投入度多少（1–10）？

误区：用提问包装建议（“你不觉得……吗？”）、封闭式问题、一连串听起来像指责的“为什么”，以及没有时间的行动。
"""),
        md("## Plan a GROW conversation", "## 规划一次GROW谈话"),
        code("from coachlab.widgets import grow_planner\ngrow_planner(lang)"),
        md("""
## The performance interview
**Purpose**: review performance with facts, recognise what went well, agree what to improve and set the next goals; it aligns the agent's goals with the team's.
**Flow**: **prepare** (collect the data and feedback, form a first view) → **interview** (facts first, then ask for their view, explore causes together) → **feedback** (BIA for strengths, BID for gaps, agree SMART goals and a plan) → **follow up** (on the agreed dates).
**Techniques**: listen actively, use concrete examples, set SMART goals, create a safe climate.
**Common mistakes**: only negatives; no preparation; one standard for everyone regardless of tenure; no follow-up.
**In customer service**: agree service standards together, tailor coaching to each agent's numbers (a new hire's AHT is not a veteran's), and recognise good work publicly.

Prepare one now: pick an agent from the sample team.
""", """
## 绩效面谈
**目的**：用事实回顾绩效，肯定做得好的地方，约定需要改进之处，设定下一阶段目标；让个人目标与团队目标保持一致。
**流程**：**准备**（收集数据和反馈，形成初步判断）→ **面谈**（先摆事实，再听对方的看法，一起探讨原因）→ **反馈**（优势用BIA，不足用BID，约定SMART目标和行动计划）→ **跟进**（在约定日期回看）。
**技巧**：积极倾听、使用具体实例、设定SMART目标、营造安全的氛围。
**常见误区**：只谈负面；没有准备；不管资历一刀切；面谈后不跟进。
**在客服管理中的应用**：和员工一起制定服务标准，依据每个人的数据进行个性化辅导（新人的AHT不能按老员工的标准要求），并公开认可优秀表现。

现在就来准备一次：从示例班组中选一位客服。
"""),
        code("from coachlab.widgets import interview_prep\ninterview_prep(lang)"),
        *check("06-coaching-grow"),
        *practise("06-coaching-grow"),
     ]},
    {"slug": "07-promotion-interview",
     "title": {"en": "07 · The promotion interview", "zh": "07 · 晋升面谈"},
     "cells": [
        md("""
# The promotion interview

**By the end of this lesson you can**
- prepare a promotion interview: goals, facts, competency model, questions, form and room;
- run it in four stages with STAR questions, affirming strengths and framing gaps constructively;
- write the report within 24 hours and follow up over one to three months;
- handle questions about pay and a candidate's over-confident self-view.
""", """
# 晋升面谈

**学完本课，你能够**
- 做好晋升面谈的准备：目标、事实、胜任力模型、问题、评估表和场地；
- 按四个阶段进行面谈，用STAR提问，肯定优势，建设性地指出不足；
- 24小时内写好报告，并在1–3个月内跟进；
- 应对关于薪酬的问题，以及候选人过度自信或自我认知偏差。
"""),
        code(SETUP),
        md("""
## Before: prepare
A promotion interview confirms readiness, but its bigger job is to agree how the person will grow and what support they will get. Prepare:
- **Goals** of the interview: assess past performance, test fit with the role, plan development.
- **Facts**: 12 months of results, project contributions, 360° feedback, earlier assessments, so you judge on evidence, not impressions.
- **The competency model** of the target role (below) and a **question framework** for each competency.
- **The evaluation form**: each competency rated *excellent / good / to improve* with room for the evidence.
- **Logistics**: tell the candidate the purpose, flow and time (60–90 minutes); book a quiet, private room.

## During: four stages
1. **Opening**: break the ice ("what has been your biggest growth this year?"), restate the purpose, make it two-way.
2. **Evaluation**: ask behavioural questions and probe with **STAR** (Situation, Task, Action (what *you* did), Result with a number). Affirm strengths with evidence ("you settled the billing–logistics dispute without escalating"); frame gaps as what the new role needs ("as a lead you will need more practice delegating").
3. **Development**: ask about 3–5 year aspirations and how they see the new role; agree support (training, a mentor, a stretch project) and how success will be measured, so you do not promote and then abandon.
4. **Summary**: restate the agreements aloud and check you both understood them the same way.

## After: close the loop
Within **24 hours**, write the report (strengths, gaps, development plan, agreements) for HR and the hiring manager. Turn development needs into dated actions with owners. Hold **follow-up 1:1s over 1–3 months** and adjust support; the result feeds talent reviews and succession plans: evaluate, develop, re-evaluate.

## Two hard moments
**"How much more will I earn?"** Explain how pay is set (base, performance bonus, band by role and results) without promising beyond the rules; point to the growth the role brings; offer a detailed session with HR.
**Over-confidence or a biased self-view**: use facts, not verdicts. Show the specific 360° comment ("on the roster project the plan slipped because input was not gathered") and ask: "what approach might have worked better?" Let them reach the conclusion, then agree a plan.
""", """
## 面谈前：精心准备
晋升面谈要确认候选人是否胜任，但更重要的是约定他/她如何成长、能得到哪些支持。需要准备：
- 面谈**目标**：评估过往绩效，验证岗位胜任力，规划未来发展。
- **事实依据**：近12个月的绩效、项目贡献、360°反馈、以往的评估报告，用证据而不是印象来判断。
- 目标岗位的**胜任力模型**（见下方），以及针对每项胜任力的**问题框架**。
- **评估表**：每项胜任力评为*优秀／良好／待提升*，并留出记录证据的空间。
- **安排**：提前告知候选人目的、流程和时间（60–90分钟）；预订安静、私密的房间。

## 面谈中：四个阶段
1. **开场**：轻松破冰（“这一年你最大的成长是什么？”），重申目的，强调双向沟通。
2. **评估**：提行为类问题，用**STAR**追问：情境、任务、行动（*你本人*做了什么）、结果（最好有数字）。用证据肯定优势（“你没有上报，就化解了账务和物流之间的争议”）；把不足表述为新岗位的要求（“当组长后，你需要多练习授权”）。
3. **发展**：询问未来3–5年的职业期望，以及对新岗位的理解；约定支持（培训、导师、项目历练）和考核标准，避免“只升不帮”。
4. **总结**：复述共识，确认双方理解一致。

## 面谈后：闭环跟进
**24小时内**写好评估报告（优势、待提升项、发展计划、双方共识），提交人力资源部和用人负责人。把发展需求变成有负责人、有期限的行动。在**1–3个月内定期一对一跟进**，及时调整支持；结果纳入人才盘点和继任计划，形成“评估—发展—再评估”的闭环。

## 两个难题
**“晋升后能多拿多少？”**坦诚说明薪酬规则（基本工资、绩效奖金、按岗位价值和绩效定档），不承诺制度之外的内容；强调新岗位带来的成长；安排HR详细解读。
**过度自信或自我认知偏差**：用事实而不是结论来引导。拿出具体的360°反馈（“排班项目中，因为没有充分听取意见，方案延期了”），然后问：“你觉得当时用什么方式会更好？”让对方自己得出结论，再一起制定改进计划。
"""),
        md("## The evaluation form\nFill it in as if you had just interviewed a candidate. It writes the report and a follow-up schedule you can download and import into your calendar.",
           "## 评估表\n假设你刚面谈完一位候选人，把表填好。它会生成评估报告和跟进日程，你可以下载，并导入日历。"),
        code("from coachlab.widgets import promotion_form\npromotion_form(lang)"),
        *check("07-promotion-interview"),
        *practise("07-promotion-interview"),
     ]},
]

FOLDERS = {"en": "en", "zh": "zh"}


def notebook(lesson: dict, lang: str) -> dict:
    """Return the nbformat-4 notebook of one lesson in one language, without outputs."""
    cells = []
    for i, (kind, body) in enumerate(lesson["cells"]):
        cell_id = f"{lesson['slug'][:2]}-{i:02d}"
        if kind == "markdown":
            cells.append({"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": body[lang]})
        else:
            cells.append({"cell_type": "code", "id": cell_id, "metadata": {}, "execution_count": None,
                          "outputs": [], "source": body})
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"coachlab": {"title": lesson["title"][lang], "slug": lesson["slug"]},
                         "kernelspec": {"display_name": "coachlab (Python 3)", "language": "python", "name": "coachlab"},
                         "language_info": {"name": "python"}}}


def render(lesson: dict, lang: str) -> str:
    """Return the notebook file text."""
    return json.dumps(notebook(lesson, lang), ensure_ascii=False, indent=1) + "\n"


def write_all() -> None:
    """Write every lesson notebook in both languages."""
    for lesson in LESSONS:
        for lang, folder in FOLDERS.items():
            path = REPO / "notebooks" / folder / f"{lesson['slug']}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(lesson, lang), encoding="utf-8")


if __name__ == "__main__":
    write_all()
