"""达成了<效果>: the abstract's headline numbers with metric and direction, in Chinese.

「SLO达成率最高提升2.2倍、吞吐提升1.8倍」: each number is copied as printed (only its unit
word becomes 倍), so no number can appear that the abstract does not print; the metric and
the direction are the rule lists' words nearest the number in its clause, else in its
sentence (``data/metrics.tsv``, ``data/directions.tsv``). A number is said the way a Chinese
reader reads it: a factor cut of a less-is-better metric as a speed-up or a compression
(``data/factors.tsv``: 推理速度提升1.9倍, not 延迟降低1.9倍), a loss as 仅下降, a share kept as
保持. A number that is no result of the paper's own is left out: one that describes a
compared method ("GShard, which has 1.5× the parameters"), one that sets up the experiment
("at 50% compression", ``data/settings.tsv``; it frames the sentence's claim instead) and one
whose metric the sentence does not name; so is one conceded ("although its throughput is 87% lower"),
one of the competitors ("other methods raise latency by 20%", "against 45% for X") and a gain over another
method's gain ("35% greater savings"). A speed-up printed without its unit ("a 2.67 latency speedup") is a
ratio all the same; a score in points is 个点. The model or benchmark the number's clause prints after it
is said with it (在LLaMA-2上…), and so is the system it is measured against where the clause prints it as a
name after than/over/compared to/versus/against ("2.2x higher throughput than vLLM": 吞吐较vLLM提升2.2倍; "1.5x the
throughput of a GPU (GTX 1080)": 吞吐较GTX 1080提升1.5倍), never an English phrase ("than existing methods"). With no number, the abstract's claims in Chinese
(``data/claims.tsv``, and changes it states without a number: 「延迟降低」, never an aim: "is designed to").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..._rules import Rule
from ...models import KeyResult
from ..frame import is_name
from .patterns import load_rules, load_table

__all__ = ["Mention", "Said", "claim_hits", "claims", "mentions", "result", "said_result", "stage_speed", "stated"]

_POINTS = r"percentage[- ]points?|points?|pp|pts"
_UNIT = rf"(?:×|x|X|times|-fold|fold|%|percent|{_POINTS})(?![A-Za-z\d])(?!\s*10\s*[-−⁻^])"  # not "1.7 × 10-5"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_VALUE = re.compile(
    rf"(?<![\w.,])(?:(?P<lo>{_NUM})\s*(?:{_UNIT})?\s*(?:-|–|~|∼|〜|to)\s*)?(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
# A speed-up printed without its unit ("up to 1.63 end-to-end speedup", "speedups of at least 3.36"): a ratio all
# the same, said with 倍. Only before a speed-up word, or right after "speedup(s) of" (with its qualifier).
_SPEEDUP_WORD = r"(?:speed-?ups?|acceleration|faster)\b"
_SPEEDUP_OF = "|".join(f"(?<={s} of {q})" for s in ("speedup", "speedups", "speed-up", "speed-ups")
                       for q in ("", "up to ", "at least ", "about ", "around ", "over ", "nearly ", "roughly "))
_BARE = re.compile(
    rf"(?<![\w.,])(?:(?:(?P<lo>{_NUM})\s*(?:-|–|to)\s*)?(?P<num>{_NUM})(?P<unit>)(?=\s+(?:(?:end-to-end|e2e|latency|"
    rf"inference|decoding|prefill(?:ing)?|wall-clock|overall|average|training)\s+)?{_SPEEDUP_WORD})"
    rf"|(?:{_SPEEDUP_OF})(?P<num2>{_NUM})(?![\w.,%×]|\s*(?:{_UNIT})))")


@dataclass(frozen=True)
class _Value:
    """A number as printed, with its range start and unit ("" for a bare speed-up)."""

    start: int
    end: int
    text: str
    num: str
    lo: str | None
    unit: str


def _values(abstract: str) -> list[_Value]:
    """Every number with a unit, and every bare speed-up number, in the abstract's order."""
    out = []
    for m in _VALUE.finditer(abstract):
        points = re.fullmatch(_POINTS, m.group("unit"), re.I)
        if points and float(m.group("num").replace(",", "")) >= 100:
            continue  # "1024 points" are samples, not a score
        out.append(_Value(m.start(), m.end(), m.group(0), m.group("num"), m.group("lo"), m.group("unit")))
    for m in _BARE.finditer(abstract):
        num = m.group("num") or m.group("num2")
        if not any(v.start < m.end() and m.start() < v.end for v in out):
            out.append(_Value(m.start(), m.end(), m.group(0), num, m.group("lo"), ""))
    return sorted(out, key=lambda v: v.start)


def _zh_unit(unit: str) -> str:
    if unit in _FACTOR or not unit:
        return "倍"
    if re.fullmatch(r"percentage[- ]points?|pp", unit, re.I):
        return "个百分点"
    return "个点" if re.fullmatch(_POINTS, unit, re.I) else "%"
_FROM = re.compile(r"\bfrom\s*$", re.I)
_FACTOR = {"×", "x", "X", "times", "-fold", "fold"}
OVER = "超过"  # "over 80% FLOPs reduction": said after the verb, 计算量降低超过80%
_APPROX = r"(?:(?:about|approximately|around|roughly|nearly|~)\s*)?"
_QUALIFIERS = ((re.compile(rf"\b(?:up to|as (?:much|high) as|max(?:imum)?)\s*{_APPROX}$", re.I), "最高"),
               (re.compile(r"\b(?:on average|an average of|average|avg\.?)\b[^,;]{0,25}$", re.I), "平均"),
               (re.compile(rf"\b(?:only|just|merely|less than|under|below|within|at most|no more than)\s*(?:a\s+)?"
                           rf"{_APPROX}$", re.I), "仅"),
               (re.compile(r"\b(?:over|more than|above|exceeding|beyond)\s*(?:a\s+)?$", re.I), OVER),
               (re.compile(r"\bat least\s*$", re.I), "至少"))
# The number belongs to a compared method: "GShard 2.9B, which has 1.5× expert parameters".
_BASELINE = re.compile(r"\b(?:which|that|who)\s+(?:has|have|had|uses?|used|requires?|required|needs?|activates?|"
                       r"consumes?|takes?)\b[^,;]*$|^\s*(?:By|In) contrast\b"
                       r"|\bwhereas\b(?!\s+(?:this|our|ours|it|we|the proposed)\b)[^,;]*$", re.I)
_SETUP = re.compile(r"\b(?:at|under|with|after|pruning|removing|dropping|retain(?:s|ing)?|keep(?:s|ing)?)\s+"
                    r"(?:(?:a|an|the|only|about|unstructured|structured)\s+)?$", re.I)
# "a budget ratio of 10%", "a threshold of 5%": the number fixes the setting it follows
_SET_OF = re.compile(r"\b(budget|threshold)(?:\s+(?:ratio|rate|level|value))?\s+(?:of|=|is set to|set to)\s*$", re.I)
THRESHOLD = "阈值"  # a bound the method must meet: it frames no claim of the sentence ("below 5% to beat X")
_SET_OF_ZH = {"budget": "预算", "threshold": THRESHOLD}
# "a spike rate below 5.7% to beat QNNs": a bound the method must meet, not a result
_BOUND = re.compile(r"\b(?:below|above|under|over|at least|at most|less than|more than)\s*$", re.I)
_TO_BEAT = re.compile(r"\s*(?:[\w-]+\s+){0,3}?to\s+(?:beat|outperform|surpass|match|exceed|break even|pay off)\b", re.I)
# Numbers that are no achievement of the paper's own although its clause names a metric and a way:
# a concession ("although its throughput is 87% lower", "albeit 2x slower"), the competitors' own
# ("other methods raise latency by 20%", "while baselines incur 30% higher latency") and a gain over
# another method's gain ("48.6% greater size reduction than X": no size is cut by 48.6%).
_CONCEDE = re.compile(r"\b(?:although|though|albeit|even though)\b[^,;:]*$", re.I)
_RIVALS = (r"(?:(?:the|all|most|many)\s+)?(?:other|existing|prior|previous|competing|conventional|traditional|"
           r"state-of-the-art|SOTA|baseline)\s+(?:[\w-]+\s+){0,3}?[\w-]+|(?:the\s+)?baselines?")
_RIVAL = re.compile(rf"(?:^|[,;:]\s|\b(?:while|whereas|but)\s)\s*(?:{_RIVALS})\b[^,;:]*$"
                    rf"|\b(?:{_RIVALS})\s*,?\s*(?:which|that)\s+[^,;]*$", re.I)
# "at similar latency (within 5%)": how close the compared settings were, no result
_AT_PAR = re.compile(r"\b(?:at|under|with)\s+(?:a\s+|an\s+)?(?:similar|same|comparable|equal|matched|fixed)\s+[\w-]+\s*"
                     r"\(\s*(?:within\s+|about\s+)?$", re.I)
# "improves RULER results consistently (by up to 25 points)": a gain named only by the benchmark the verb improves
_OBJECT_BENCH = re.compile(r"\b(?:improv\w*|boost\w*|rais\w*|increas\w*)\s+(?:the\s+)?([A-Z][\w\-.]*[A-Za-z0-9])"
                           r"(?:\s+\([^)]{0,20}\))?\s+(?:results?|scores?|performance|accuracy)\b")
# "with little overhead, for example only 2.58% throughput loss": the numbers after it are a price
_PRICE = re.compile(r"\b(?:little|negligible|minimal|marginal|small|low|modest|slight)\s+(?:extra\s+|additional\s+)?"
                    r"(?:overheads?|costs?|penalty|penalties)\b", re.I)
_SIGN = re.compile(r"(?:^|[\s(/])([+\-−])$")  # "+0.3%", "/-0.2%": the sign printed before a number
_CHANGE_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:change|difference|delta|variation)s?\b", re.I)
_KERNEL = re.compile(r"\b(?:kernels?|operators?|GEMMs?|GEMVs?|SpMMs?|matmuls?)\b", re.I)
KERNEL_SPEED = "算子速度"  # a speed-up printed for one kernel or operator, not the whole inference
# "reaches 80%, against 45% for the state of the art": the number after "against" is the rival's
_AGAINST = re.compile(r"\b(?:against|versus|vs\.?|compared (?:with|to))\s+(?:only\s+|just\s+)?$", re.I)
_RELATIVE_GAIN = re.compile(r"\s*(?:greater|larger|bigger|more|higher|further)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:reductions?|savings?|compression|speed-?ups?|improvements?|gains?)\b", re.I)
# "over 90% of the performance of hand-written programs": a share of another system's figure, not a gain
_SHARE_OF = re.compile(r"\s*of\s+(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:performance|throughput|speed|"
                       r"accuracy|quality|efficiency|F1|scores?)\s+of\b", re.I)
_OWN_VERB = re.compile(r"\b(?:has|have|had|is|are|was|were|gives?|shows?|achieves?|reach(?:es)?|obtains?|yields?)\b",
                       re.I)  # a clause after "and" with its own verb does not share the verb before it
# where a change word after the number stops counting for it
_PAST = re.compile(r"\s(?:at|on|in|for|under|across)\s", re.I)
_FASTER_AFTER = re.compile(r"\s*(?:(?:end-to-end|e2e|overall|average)\s+)?(?:faster|quicker|speed-?ups?|acceleration)\b",
                           re.I)
_TIMES_THE = re.compile(r"\s+the\s+", re.I)
# a process sped up that is no inference or training: "compression 3-70x faster", "2x faster quantization"
_PROCESSES = {"compression": "压缩", "quantization": "量化", "search": "搜索", "calibration": "校准"}
_PROCESS_WORDS = "|".join(_PROCESSES)
_PROCESS_BEFORE = re.compile(rf"\b({_PROCESS_WORDS})\s+(?:(?:is|runs|becomes|process|time)\s+)?"
                             r"(?:up to\s+|about\s+)?$", re.I)
_PROCESS_AFTER = re.compile(rf"\s*(?:faster|quicker)\s+({_PROCESS_WORDS})\b", re.I)
# "service level objective (SLO) attainment": a short parenthesis is read as plain words, no clause break
_ACRONYM = re.compile(r"\(([A-Za-z][^()\s,]{0,11})\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[]|[a-z][\w.-]*[A-Z])")  # "lm-Meter is ..." opens one
# A number's clause ends at these (and at the neighbouring numbers): "2x faster, with only 0.5% loss".
# "less than 1%" is a bound on its number, no clause break: "the accuracy loss is less than 1%".
_THAN = r"than\s(?!(?:about|approximately|around|roughly|nearly|~)?\s*\d)"
_CLAUSE = re.compile(rf"[.;,:()]\s|\s(?:and|while|with|without|whereas|but|compared|relative to|{_THAN}|versus|vs\.?)\s",
                     re.I)
# A metric looked for beyond the number's clause (it names none) stays on this side of these: "is 1.9% better
# than X while reducing FLOPs by 30%" and "improves on X by 1.9%, reducing FLOPs by 30%" say nothing of FLOPs
# for 1.9%. Before the number only a contrast stops it ("improves performance over X, Y by 26%", "the gap
# between A and B by 10%", "1.66x speedup on L40S (8), and 1.78x on A40" name it there).
_CONTRAST = rf"\s(?:while|whereas|but|compared|relative to|{_THAN}|versus|vs\.?)\s"
_HARD_BEFORE = re.compile(rf";\s|{_CONTRAST}", re.I)
_HARD_AFTER = re.compile(rf"[.;,:()]\s|\s(?:with|without)\s|{_CONTRAST}", re.I)
WEAK, WEAK_PENALTY = "达到", 20  # "achieves 75% memory reduction": a named change beats a nearby "achieves"
LOWER_IS_BETTER = "↓"
TASK = "@"  # metrics.tsv: a metric named by its task or benchmark ("ImageNet"), not by a metric word
BETTER = "改善"  # a change for the better: 提升, or 降低 where less is better ("improves latency by 30%")
VERSUS = "超越"  # the same, measured against other methods ("outperforms X by 21%")
LOSS = "仅下降"  # "a 0.5% accuracy drop": a cost the method pays
COST = "代价"  # "2% latency overhead", "an accuracy penalty of 1%": adverse whichever way the metric goes
DEFAULT_FACTOR_VERB = "压缩"
SPEED = "推理速度"
GENERAL = "性能"  # "an 11.3% boost", "surpasses others by 21%": a gain the sentence gives no metric for


@dataclass(frozen=True)
class Mention:
    """One number of the abstract, read with its clause."""

    value: str  # as printed: "2.2×", "83.0%", "2-4×"
    zh_value: str  # the same number with 倍 for a factor: "2.2倍"
    metric: str  # "" when neither the clause nor the sentence names one
    direction: str  # a directions.tsv word (改善 resolved to 提升/降低), or ""
    qualifier: str  # "最高", "平均", "仅" or ""
    position: int  # offset in the abstract
    factor: bool
    lower_better: bool = False
    setting: str = ""  # the experiment's setting this number fixes (压缩率 …), not a result
    bench: str = ""  # the benchmark named right after the number ("45.2% on MMLU"), kept in Latin
    baseline: bool = False  # the number describes a compared method, or is conceded ("although ... 87% lower")
    on: str = ""  # the model, benchmark or device the number's clause names after it ("1.7x speedup on LLaMA-2")
    versus: str = ""  # the system the number is measured against, as the clause names it ("than vLLM")

    @property
    def usable(self) -> bool:
        """A result of the paper's own that the slot can say truly."""
        if self.baseline or self.setting:
            return False
        if not self.metric:  # "surpasses existing methods by 21.0%": 较现有方法提升21.0%; "45.2% on MMLU"
            return self.direction in (VERSUS, BETTER) or bool(self.bench and self.direction in ("", WEAK, "提升"))
        level = (self.direction or WEAK) == WEAK and not self.factor
        return not (level and self.lower_better and self.qualifier != "仅" and not self.rate)  # "latency 50%"

    @property
    def rate(self) -> bool:
        return self.metric.endswith("率") and not self.factor  # "top-5 error rate of 15.3%" is a level worth saying

    def said(self) -> tuple[str, str, str]:
        """(metric, verb, qualifier) as the slot says them; a change measured against a named system says it
        after the metric (吞吐较vLLM提升2.2倍), a level (达到, 为, 保持) does not."""
        metric, verb, q = self._said()
        if self.versus and verb not in (WEAK, "为", "仅为", "提升至", "降至", "保持", "不超过"):
            return f"{metric.removesuffix('较现有方法')}较{self.versus}", verb, q
        return metric, verb, q

    def _said(self) -> tuple[str, str, str]:
        metric, d, q = self.metric or (f"{self.bench}上" if self.bench else GENERAL), self.direction or WEAK, self.qualifier
        versus = d == VERSUS
        if d == BETTER:
            d = "降低" if self.lower_better else "提升"
        if versus:
            d = "降低" if self.lower_better else "提升"
        if self.factor and d == WEAK:
            d = "提升"  # "achieves a 2.2× speedup": a factor is a change, not a level
        if d == "差距":
            return f"{metric or '性能'}" + ("" if metric.endswith("差距") else "差距"), "不超过", ""
        if d == COST:
            d = "提升" if self.lower_better else LOSS
        if d == "保持":
            return metric, "保持", q if q != "仅" else ""
        if d == LOSS and self.lower_better:
            d = "降低"  # "latency drops by 30%" is a gain
        adverse = d == LOSS or (metric and ((d == "提升" and self.lower_better) or (d == "降低" and not self.lower_better)))
        if adverse:
            verb = "增加" if d == "提升" else "下降"
            return metric, verb, "仅" if q in ("", "仅") and (d == LOSS or q == "仅") else ("" if q == "仅" else q)
        q = "" if q == "仅" and not (d == WEAK and self.lower_better) else q
        if d == "降低" and self.factor and self.lower_better:
            metric, d = load_table("factors").get(metric, (metric, DEFAULT_FACTOR_VERB))
        elif d == WEAK and self.lower_better:
            return metric, "为" if self.rate and q != "仅" else "仅为", ""  # "with only 40% of the computation"
        if versus:
            return f"{metric}较现有方法", d, q
        return metric, d, q

    @property
    def adverse(self) -> bool:
        """A change for the worse (准确率仅下降0.2%, 延迟增加): a price the paper pays, not what it achieves."""
        return self.said()[1] in ("增加", "下降")

    def said_over(self) -> tuple[str, str, str]:
        metric, verb, q = self.said()
        if q == OVER:  # 命中率超过60%, 计算量降低超过80%
            return metric, OVER if verb in (WEAK, "为") else f"{verb}{OVER}", ""
        return metric, verb, q

    def phrase(self) -> str:
        metric, verb, q = self.said_over()
        where = f"在{self.on}上" if self.on and self.metric and self.on not in metric else ""
        return f"{where}{metric}{q}{verb}{self.zh_value}"

    def key_result(self) -> KeyResult:
        metric, verb, q = self.said_over()
        against = f"较{self.versus}"
        if self.versus and metric.endswith(against):  # 内存效率 | 较StreamLLM提升 | 4x: the table keeps the baseline
            return KeyResult(metric=metric.removesuffix(against), value=self.value, direction=f"{against}{q}{verb}")
        return KeyResult(metric=metric.removesuffix("较现有方法") or "较现有方法", value=self.value,
                         direction=f"{q}{verb}")


def _nearest(rules: tuple[Rule, ...], text: str, span: tuple[int, int],
             skip: tuple[int, int] | None = None) -> tuple[Rule, tuple[int, int]] | None:
    """The rule named nearest the number at ``span`` of ``text`` (ties: the rule listed first), with
    where it matched; a match overlapping ``skip`` (the metric's own words) does not count."""
    best: tuple[int, int, Rule, tuple[int, int]] | None = None
    for row, rule in enumerate(rules):
        for m in rule.pattern.finditer(text):
            if skip and skip[0] <= m.start() and m.end() <= skip[1] and rule.zh in ("降低", "提升"):
                continue  # "compression ratio of 89%" names the metric, it does not lower it
            dist = span[0] - m.end() if m.end() <= span[0] else m.start() - span[1]
            # a named change, a named metric first
            penalty = WEAK_PENALTY if rule.zh in (WEAK, GENERAL) or rule.zh.endswith(TASK) else 0
            cand = (max(dist, 0) + penalty, row, rule, m.span())
            if best is None or cand[:2] < best[:2]:
                best = cand
    return (best[2], best[3]) if best else None


def _last_before(rules: tuple[Rule, ...], text: str) -> Rule | None:
    """The rule matched last in ``text``: "reduces latency by 50% and energy by 75%" shares its verb."""
    best: tuple[int, Rule] | None = None
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if rule.zh not in (WEAK, "差距") and (best is None or m.end() > best[0]):
                best = (m.end(), rule)
    return best[1] if best else None


def _clause(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``text`` around the number at [start, end), within [lo, hi)."""
    before = [m.end() for m in _CLAUSE.finditer(text, lo, start)]
    after = [m.start() for m in _CLAUSE.finditer(text, end, hi)]
    return (before[-1] if before else lo), (after[0] if after else hi)


def _clause_hard(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """[lo, hi) cut to the number's side of the nearest hard break on each side."""
    before = [m.end() for m in _HARD_BEFORE.finditer(text, lo, start)]
    after = [m.start() for m in _HARD_AFTER.finditer(text, end, hi)]
    return (before[-1] if before else lo), (after[0] if after else hi)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _SENTENCE.finditer(text)]
    start = max(s for s in starts if s <= pos)
    later = [s for s in starts if s > pos]
    return start, (later[0] if later else len(text))


_BENCH = re.compile(r"\s*(?:accuracy\s+|score\s+)?(?:on|in)\s+(?:the\s+)?([A-Z][\w\-.]*[A-Za-z0-9])(?![\w\-])")


# "a 2.3x speedup on LLaMA-2", "by up to 60% for ViT-Tiny": up to three words on, never past a compared method
_ON = re.compile(r"\s*(?:(?!(?:over|than|versus|vs|compared|against|relative)\b)[\w-]+\s+){0,3}?(?:on|for)\s+(?:the\s+)?"
                 r"([A-Z][\w\-.]*[A-Za-z0-9])(?![\w\-])"
                 r"(?=\s*(?:[,.;:)]|$)|\s+(?:with|and|at|in|on|under|when|while|compared|versus|vs|over|than|using|by|from|"
                 r"to|across|for|is|are|was|were|models?|benchmarks?|datasets?)\b)")  # "for KV cache" names no place


# "2.2x higher throughput than vLLM", "a 7x speedup over ARM CPU implementations", "1.5x the throughput of a GPU
# (GTX 1080)": the compared system after a comparison word, within the number's clause (no other clause between)
_COMPARED = re.compile(r"(?P<gap>[^,;:()]{0,70}?)\b(?:than|over|compared (?:to|with)|relative to|versus|vs\.?|against)\s+"
                       r"(?P<obj>[^,;:]{1,70})", re.I)
_TIMES_OF = re.compile(r"\s+the\s+(?:[\w-]+\s+){1,3}?of\s+(?P<obj>[^,;:]{1,70})", re.I)
_GAP_STOP = re.compile(r"\b(?:and|or|while|whereas|but|which|that|than|over|compared|relative|versus|vs|against)\b|\. ", re.I)
_OBJ_STOP = re.compile(r"\s(?:and|or|with|on|in|at|for|across|under|while|when|using|by|from|to|which|that|is|are|was|"
                       r"were|whereas|but|while|baselines?|respectively)\b|\.(?:\s|$)", re.I)
# acronyms that name a kind of model, not one system: "than existing LLMs" says no baseline
_KINDS = {"sota", "llm", "llms", "dnn", "dnns", "cnn", "cnns", "gnn", "gnns", "rnn", "rnns", "ml", "ai", "nn", "nns", "lm",
          "lms", "vlm", "vlms", "mllm", "mllms", "vit", "vits", "moe", "moes", "ssm", "ssms", "kv", "gpus", "cpus",
          "sram", "dram", "hbm", "api", "apis", "qat", "ptq"}
_HARDWARE = {"gpu", "cpu", "tpu", "npu", "fpga", "asic"}  # a name, but a parenthesis after it says which one
_QUANTITY = re.compile(r"\d+(?:\.\d+)?[A-Za-z]?")
_TRAILING = {"implementation", "implementations", "baseline", "inference", "kernel", "kernels", "serving", "system",
             "engine", "framework", "runtime", "decoding", "attention", "counterpart", "model", "version"}


def _name_run(words: list[str]) -> str:
    """The name that ends ``words`` ("the static method StreamLLM", "ARM CPU implementations", "GTX 1080")."""
    if words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    run: list[str] = []
    for w in reversed(words):
        w = re.sub(r"['’]s$", "", w)
        if _QUANTITY.fullmatch(w):
            if run:
                break
            run.insert(0, w)  # "GTX 1080", "LLaMA-2 7B": the number belongs to the name before it
        elif is_name(w) and w.lower() not in _KINDS:
            run.insert(0, w)
        else:
            break
    while run and (_QUANTITY.fullmatch(run[0]) or not is_name(run[0])):
        run.pop(0)  # "longer than 64K" compares a length, no system
    return " ".join(run) if run and len(" ".join(run)) <= 24 else ""


def _compared_name(obj: str) -> str:
    """The system ``obj`` (the words after "than") names, or "" when it names none ("existing methods")."""
    obj = obj[:stop.start()] if (stop := _OBJ_STOP.search(obj)) else obj
    head, _, paren = obj.partition("(")
    words = [w for w in head.split() if w.lower() not in ("the", "a", "an")]
    head_name = _name_run(words)
    if head_name.lower() in _HARDWARE and len(words) > 1 + (words[-1].lower() in _TRAILING):
        head_name = ""  # "a mobile GPU" is no GPU in general: said only with its name in parentheses
    inner = _name_run(paren.split(")")[0].split()) if paren else ""
    if inner and (not head_name or head_name.lower() in _HARDWARE):
        return inner  # "a same-technology GPU (GTX 1080)"
    return head_name


def _versus(following: str, factor: bool) -> str:
    """The system the number's clause measures it against, by name, or ""."""
    m = _TIMES_OF.match(following) if factor else None
    if m:
        return _compared_name(m.group("obj"))
    m = _COMPARED.match(following)
    if m is None or _GAP_STOP.search(m.group("gap")):
        return ""
    return _compared_name(m.group("obj"))


def _on(text: str) -> str:
    m = _ON.match(text)
    return m.group(1) if m and is_name(m.group(1)) and len(m.group(1)) <= 20 else ""


def _bench(text: str) -> str:
    """"45.2% on MMLU" -> MMLU: a named benchmark (a name, not an English word) right after the number."""
    m = _BENCH.match(text)
    return m.group(1) if m and is_name(m.group(1)) and len(m.group(1)) <= 20 else ""


def _process_speed(before: str, after: str) -> str:
    """压缩 for "compression 3x faster": the process a speed-up is of, where the number's clause names it."""
    m = _PROCESS_BEFORE.search(before) or _PROCESS_AFTER.match(after)
    return _PROCESSES[m.group(1).lower()] if m else ""


def _setting(abstract: str, start: int, end: int) -> str:
    before, after = abstract[max(0, start - 40):start], abstract[end:end + 60]
    of = _SET_OF.search(before)
    if of:
        return _SET_OF_ZH[of.group(1).lower()]
    if _BOUND.search(before) and _TO_BEAT.match(after):
        return THRESHOLD
    if not _SETUP.search(before):
        return ""
    return next((rule.zh for rule in load_rules("settings") if rule.pattern.search(after)), "")


def mentions(abstract: str) -> list[Mention]:
    """Every number with a unit (×, %, times, -fold), each read within its own clause."""
    printed, abstract = abstract, _ACRONYM.sub(lambda m: f" {m.group(1)} ", abstract)  # same length: offsets hold
    found = _values(abstract)
    metrics, directions = load_rules("metrics"), load_rules("directions")
    out: list[Mention] = []
    signs: list[str] = []
    for k, m in enumerate(found):
        bench_named = ""
        s_lo, s_hi = _sentence(abstract, m.start)
        lo = max(found[k - 1].end if k else 0, m.start - 90, s_lo)
        hi = min(found[k + 1].start if k + 1 < len(found) else len(abstract), m.end + 60, s_hi)
        start, end = _clause(abstract, lo, hi, m.start, m.end)
        window = abstract[start:end]
        span = (m.start - start, m.end - start)
        factor = m.unit in _FACTOR or not m.unit
        zh_unit = _zh_unit(m.unit)
        value, zh_value = m.text, (f"{m.lo}-" if m.lo else "") + m.num + zh_unit
        moved = m.lo and _FROM.search(abstract, 0, m.start)
        if moved:  # "from 70% to 75.2%" is a change to 75.2%, not a range
            value, zh_value = m.text[m.text.rindex(m.num):], m.num + zh_unit
        qualifier = next((zh for p, zh in _QUALIFIERS if p.search(abstract[lo:m.start])), "")
        metric = _nearest(metrics, window, span)
        # a change word after the number counts up to a preposition: "reaches 75.5% at only 0.5 ms more" says no
        # 75.5% more; "achieves 75% memory reduction", "20% more power efficient" keep theirs
        cut = _PAST.search(window, span[1])
        direction = _nearest(directions, window[:cut.start() if cut else len(window)], span,
                             skip=metric[1] if metric else None)
        shared = re.search(r"(?:,|\band)\s$", abstract[max(s_lo, start - 5):start]) and not _OWN_VERB.search(
            abstract[start:m.start])  # "X by 2x and Y by 30%"; not "beats X, and the sets have an IoU above 99%"
        rule = direction[0] if direction else _last_before(directions, abstract[s_lo:m.start]) if shared else None
        if metric is None and rule and rule.zh != WEAK:
            # "reduces the gap between A and B by 10-30%", "surpasses others by 21.0% on ImageNet
            # classification": the sentence names it, before the number (after it too for a gain)
            after = hi if rule.zh in (VERSUS, BETTER) else m.end
            wide = _clause_hard(abstract, max(found[k - 1].end if k else 0, s_lo), after, m.start, m.end)
            found_wide = _nearest(metrics, abstract[wide[0]:wide[1]], (m.start - wide[0], m.end - wide[0]))
            metric = (found_wide[0], (0, 0)) if found_wide else None
            if metric is None and rule.zh in (BETTER, "提升"):  # "improves RULER results ... (by up to 25 points)"
                named = _OBJECT_BENCH.search(abstract, s_lo, m.start)
                bench_named = named.group(1) if named and is_name(named.group(1)) else ""
        if metric and factor and metric[0].zh.endswith(TASK):
            metric = None  # "prunes ResNet-50 on ImageNet by 2x" raises no accuracy 2x
        lower = bool(metric and metric[0].zh.endswith(LOWER_IS_BETTER))
        direction_zh = rule.zh if rule else ""
        following = abstract[m.end:end]
        cmp_hi = min(found[k + 1].start if k + 1 < len(found) else len(abstract), s_hi)
        if factor and _FASTER_AFTER.match(following):
            direction_zh = BETTER  # "3-70x faster compression" is a speed-up whatever verb sits nearby
        elif factor and direction_zh == "" and _TIMES_THE.match(following):
            direction_zh = "提升"  # "1.5x the throughput of a GPU"
        if direction_zh == BETTER and metric:
            direction_zh = "降低" if lower else "提升"
        if moved:
            up = float(m.num.replace(",", "")) > float((m.lo or "0").replace(",", ""))
            direction_zh = "提升至" if up else "降至"
        metric_zh = metric[0].zh.rstrip(LOWER_IS_BETTER + TASK) if metric else ""
        if metric_zh == SPEED:  # "100x faster than other QAT methods": the stage only where the abstract names it
            metric_zh = _process_speed(abstract[start:m.start], following) or stage_speed(
                abstract[start:end], "") or stage_speed(abstract[s_lo:s_hi], "")
            metric_zh += "速度"
            if _KERNEL.search(abstract, start, m.start):  # "the fused kernel is 16.7x faster": one operator's speed
                metric_zh = KERNEL_SPEED
        before = abstract[s_lo:m.start]
        if _PRICE.search(before):  # "with little overhead, for example only 2.58% throughput loss": a price
            direction_zh = COST
        sign = _SIGN.search(abstract, max(0, m.start - 2), m.start)
        signs.append(sign.group(1).replace("−", "-") if sign else "")
        if sign:  # "+0.3% top-1 accuracy change", "-12% latency": the sign is the direction
            direction_zh = "提升" if signs[-1] == "+" else "降低" if lower else LOSS
        elif _CHANGE_AFTER.match(following):
            direction_zh, metric_zh = "", ""  # "a 0.3% accuracy change" says neither which way nor a level
        bench = "" if factor else _bench(following) or (bench_named if metric is None else "")
        out.append(Mention(value=value, zh_value=zh_value, metric=metric_zh,
                           direction=direction_zh, qualifier=qualifier, position=m.start, factor=factor,
                           lower_better=lower, setting=_setting(abstract, m.start, m.end),
                           bench=bench, on=_on(following), versus=_versus(printed[m.end:cmp_hi], factor),
                           baseline=bool(_BASELINE.search(before) or _RIVAL.search(before)
                                         or _CONCEDE.search(before) or _AGAINST.search(before) or _AT_PAR.search(before)
                                         or _RELATIVE_GAIN.match(following)
                                         or (direction_zh not in ("保持", "差距") and _SHARE_OF.match(following)))))
    for k in range(1, len(out)):  # "+0.3%/-0.2% accuracy change" for two models: no one direction to say
        if signs[k] and signs[k - 1] and signs[k] != signs[k - 1] and _PAIR.fullmatch(
                abstract[found[k - 1].end:found[k].start].rstrip("+-−")):
            out[k - 1], out[k] = replace(out[k - 1], baseline=True), replace(out[k], baseline=True)
    return _share_versus(_share(out, found, abstract), found, abstract)


_PAIR = re.compile(r"\s*(?:,|and|, and|or|/|\|)\s*")
# "1.5x the throughput and 4.5x the efficiency of X", "2x higher throughput and 30% lower latency than X"
_PAIR_VERSUS = re.compile(r"(?:\s+[\w-]+){0,4}\s*(?:,\s*(?:and\s+)?|\s+and\s+)", re.I)


def _share_versus(out: list[Mention], found: list[_Value], abstract: str) -> list[Mention]:
    """Numbers listed ("A, B and C than X") before one compared system are all measured against it."""
    for k in range(len(out) - 1, 0, -1):
        if out[k].versus and not out[k - 1].versus and _PAIR_VERSUS.fullmatch(abstract[found[k - 1].end:found[k].start]):
            out[k - 1] = replace(out[k - 1], versus=out[k].versus)
    return out


def _share(out: list[Mention], found: list[_Value], abstract: str) -> list[Mention]:
    """"error rates of 37.5% and 17.0%", "4x and 20x increase in speed": a pair has one metric, one direction."""
    for k in range(1, len(out)):
        if not _PAIR.fullmatch(abstract[found[k - 1].end:found[k].start]):
            continue
        a, b = out[k - 1], out[k]
        for src, dst in ((a, k), (b, k - 1)):
            mine = out[dst]
            if mine.metric or not src.metric:
                continue
            direction = src.direction if dst == k else mine.direction  # the second reads as the first
            out[dst] = replace(mine, metric=src.metric, lower_better=src.lower_better, direction=direction)
        if out[k].direction in ("", WEAK) and a.direction not in ("", WEAK) and a.metric == out[k].metric:
            out[k] = replace(out[k], direction=a.direction)  # the verb before the pair holds for both
    return out


def _rank(m: Mention, abstract_len: int) -> tuple[int, int]:
    score = 2 * bool(m.metric) + (m.direction not in ("", WEAK)) + (m.qualifier == "最高") - (m.metric == KERNEL_SPEED)
    score += m.position >= abstract_len // 3  # results come after the problem statement
    unit = r"(?:×|x|X|%|times|-?fold)"
    score += bool(re.fullmatch(rf"[\d.,]+{unit}?(?:-[\d.,]+)?{unit}", m.value.replace(" ", "")))  # headline forms
    return score, -m.position


INFERENCE = re.compile(r"\b(?:inference|decod\w*|serving|generat(?:ion|ed|es|ing)|latency|latencies|test[- ]time|prefill\w*|"
                       r"runtime|on-device|deploy\w*)\b", re.I)
TRAINING = re.compile(r"\b(?:train(?:s|ing)?|fine-?tun(?:e|es|ing)|finetun(?:e|es|ing)|pre-?train(?:s|ing)?|"
                      r"converge\w*)\b", re.I)
# Training named as no stage of the speed-up: "training-free", "without any training", "post-training
# quantization", "fine-tuned models" (a participle names the model, not the work sped up).
NOT_TRAINING = re.compile(r"\b(?:(?:re-?|pre-?|fine-?)?training|tuning|train)[- ]free\b"
                          r"|\b(?:without|no|not|zero|free of|avoid\w*|eliminat\w*)\s+(?:[\w-]+\s+){0,3}?(?:re-?|fine-?|pre-?)?(?:train\w*|tun\w*)\b|\bpost[- ]training\b", re.I)


def stage_speed(sentence: str, verb: str = "速度") -> str:
    """推理速度 / 训练速度 where the sentence says which, else 速度: a speed-up whose stage the abstract
    does not print is not said to be inference's."""
    sentence = NOT_TRAINING.sub(" ", sentence)
    if INFERENCE.search(sentence):
        return f"推理{verb}"
    if TRAINING.search(sentence):
        return f"训练{verb}"
    return verb


# A sentence that claims the paper's own result (not the background's "X has shown great power").
_OWN_SUBJECT = re.compile(r"\b(?:we|our|ours|results?|experiments?|evaluations?|extensive|empirical(?:ly)?|"
                          r"(?:this|the proposed|the resulting) (?:novel |new |proposed )?(?:method|approach|framework|"
                          r"system|design|architecture|model|technique|algorithm|pipeline|scheme)|"
                          r"the (?:method|approach|framework|technique|algorithm|scheme))\b", re.I)
_BACKGROUND = re.compile(r"^\s*(?:prior|previous|existing|recent|conventional|traditional|current|many|most|"
                         r"while|although|though|however|unlike|despite)\b|\b(?:has|have) (?:been |shown|proven|"
                         r"demonstrated|achieved)", re.I)
# "When the users exceed the server capacity, ...": a condition the method handles, not its result
_CONDITION = re.compile(r"^\s*(?:when|if|as|since|because|whenever|once|unless|given)\b", re.I)
# One paper cannot both lead and merely match: of these, the claim printed first is said.
EXCLUSIVE = ("性能领先", "达到或超越现有最优水平", "优于现有同类方法", "与现有方法性能相当", "与全精度模型相当",
             "接近原模型性能", "性能优异")


def own_sentences(abstract: str, name: str = "", own_from: int = -1) -> list[str]:
    """The abstract's sentences that state the paper's own result: with the paper as subject (we, our
    results, the method, its name), or any sentence from ``own_from`` (the end of the sentence that
    introduces the method; -1: none) that is not marked as background ("Prior methods …")."""
    bounds = [0] + [m.end() for m in _SENTENCE.finditer(abstract)] + [len(abstract)]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        sentence = abstract[a:b].strip()
        if _BACKGROUND.search(sentence):
            continue
        after = 0 <= own_from <= a and not _CONDITION.match(sentence)
        if _OWN_SUBJECT.search(sentence) or (name and name.lower() in sentence.lower()) or after:
            out.append(sentence)
    return out


def claim_hits(abstract: str, name: str = "", own_from: int = -1) -> list[tuple[str, str]]:
    """(claim in Chinese, the sentence that makes it), in the abstract's order, at most one of ``EXCLUSIVE``."""
    hits: list[tuple[int, int, int, str, str]] = []
    for k, sentence in enumerate(own_sentences(abstract, name, own_from)):
        for row, rule in enumerate(load_rules("claims")):
            m = rule.pattern.search(sentence)
            if m:
                zh = rule.zh
                if zh == "推理更快":  # the stage only where the sentence prints it
                    zh = stage_speed(sentence, "更快").replace("更快", "速度更快") if not INFERENCE.search(
                        sentence) and not TRAINING.search(sentence) else stage_speed(sentence, "更快")
                hits.append((k, m.start(), row, zh, sentence))  # a tie goes to the row listed first
    out: list[tuple[str, str]] = []
    for _, _, _, zh, sentence in sorted(hits):
        if zh in [z for z, _ in out] or (zh in EXCLUSIVE and any(z in EXCLUSIVE for z, _ in out)):
            continue
        out.append((zh, sentence))
    return out


def claims(abstract: str, limit: int = 2, name: str = "") -> list[str]:
    """The claims the abstract makes about the paper's own result, in Chinese."""
    return [zh for zh, _ in claim_hits(abstract, name)][:limit]


_CHANGES = ("降低", "提升", BETTER, VERSUS)
# What a clause says without stating a change of its own: an aim ("is designed to lower latency", "To cut the
# cost, ..."), a metric kept or raised ("maintaining or improving accuracy"), a trade-off, a small overhead.
_AIM = re.compile(r"\b(?:designed|built|intended|meant|aim(?:s|ed)?|seeks?|sought|tries|try|attempts?)\s+(?:to|for)\b"
                  r"|^\s*(?:To|In order to)\s", re.I)
_KEPT_OR = re.compile(r"\b(?:maintain\w*|keep\w*|preserv\w*|retain\w*|match\w*)\s+or\s+(?:even\s+)?$", re.I)
_AT = re.compile(r"\s(?:at|across|under)\s", re.I)
_TRADE_OFF = re.compile(r"\btrade-?offs?\b", re.I)
_SMALL = re.compile(r"\b(?:negligible|minimal|marginal|little|no|small|modest|extra|additional)\s+(?:[\w-]+\s+)?"
                    r"(?:costs?|overheads?|latency|memory|energy|time)\b", re.I)
OBJECT_REACH = 50  # characters after a verb in which its object (the metric it changes) is named


def stated_hits(abstract: str, name: str = "", own_from: int = -1) -> list[tuple[str, str]]:
    """Changes the abstract claims for the paper without a number, in Chinese, with their sentence:
    "our method reduces latency" -> 延迟降低."""
    out: list[tuple[str, str]] = []
    metrics, directions = load_rules("metrics"), load_rules("directions")
    for sentence in own_sentences(abstract, name, own_from):
        for clause in re.split(r"[,;]\s|\s(?:and|while|but|whereas)\s", sentence):
            hits = [(r, m) for r in directions if r.zh in _CHANGES for m in r.pattern.finditer(clause)]
            if not hits or _AIM.search(clause) or _KEPT_OR.search(clause, 0, hits[0][1].start()):
                continue  # "is built to lower latency", "keeping or improving accuracy": no change stated
            verb_end = hits[0][1].end()  # the verb's object follows it: "reduce I/O delay", not the "storage system" before
            obj = clause[verb_end:verb_end + OBJECT_REACH]
            obj = obj[:stop.start()] if (stop := _AT.search(obj)) else obj  # "beats X across compression ratios"
            found = _nearest(metrics, obj, (0, 0))
            if not found or _TRADE_OFF.search(obj) or _SMALL.search(obj):
                continue  # "a better accuracy-efficiency trade-off", "at negligible extra cost"
            lower = found[0].zh.endswith(LOWER_IS_BETTER)
            verb = {BETTER: "降低" if lower else "提升", VERSUS: "降低" if lower else "提升"}.get(hits[0][0].zh,
                                                                                              hits[0][0].zh)
            if (verb == "提升") == lower or found[0].zh == SPEED:
                continue  # "increases latency": the problem, not the result; speed is claims.tsv's 推理更快
            phrase = f"{found[0].zh.rstrip(LOWER_IS_BETTER + TASK)}{verb}"
            if phrase not in [p for p, _ in out]:
                out.append((phrase, sentence))
    return out


def stated(abstract: str, limit: int = 2) -> list[str]:
    """Changes the abstract claims without a number, in Chinese: "reduces latency" -> 延迟降低."""
    return [p for p, _ in stated_hits(abstract)][:limit]


@dataclass(frozen=True)
class Said:
    """The 效果 slot (without 的效果), its numbers as key results, and the sentences it was built from."""

    text: str
    keys: tuple[KeyResult, ...] = ()
    evidence: tuple[str, ...] = ()


def said_result(abstract: str, limit: int = 2, name: str = "", numbers: bool = True, own_from: int = -1,
                results_from: int = 0) -> Said:
    """The 效果 slot: the abstract's headline numbers (from ``results_from`` on) with the metric, direction and
    stage their clause prints, else its claims for the paper's own result; ``Said("")`` when it states none."""
    picked: list[Mention] = []
    # a number before the sentence that introduces the method states the problem or others' work
    # ("degrades quality when over 50% of blocks are cached"), not the paper's result
    every = [m for m in mentions(abstract) if m.position >= results_from] if numbers else []
    for m in sorted((m for m in every if m.usable), key=lambda m: _rank(m, len(abstract)), reverse=True):
        if len(picked) == limit or (picked and not m.metric):
            break  # a number without a metric only stands in when it is the only one
        if any(p.metric == m.metric or p.value == m.value or p.said_over()[0] == m.said_over()[0] for p in picked):
            continue  # two numbers said with one metric (延迟 and 推理时间 both read 推理速度) would read as a repeat
        if m.adverse and (m.said()[2] != "仅" or m.factor):
            continue  # a price is said only as small as printed (准确率仅下降0.2%); "up to 2x the cost" is no effect
        picked.append(m)
    if picked:
        picked.sort(key=lambda m: m.position)
        where = tuple(dict.fromkeys(abstract[slice(*_sentence(abstract, m.position))].strip() for m in picked))
        return Said("、".join(m.phrase() for m in picked), tuple(m.key_result() for m in picked), where)
    for m in every:  # "outperforms others, especially at 50% compression": 在50%压缩率下优于现有同类方法
        if m.setting and m.setting != THRESHOLD and not m.baseline:  # the sentence's own claim
            sentence = abstract[slice(*_sentence(abstract, m.position))].strip()
            said = claim_hits(sentence, name)
            if said:
                return Said(f"在{m.zh_value}{m.setting}下{said[0][0]}", (), (sentence,))
    hits = (claim_hits(abstract, name, own_from) + stated_hits(abstract, name, own_from))[:limit]
    return Said("、".join(p for p, _ in hits), (), tuple(dict.fromkeys(s for _, s in hits)))


def result(abstract: str, limit: int = 2) -> tuple[str, list[KeyResult]]:
    """The 效果 slot (without 的效果) and its numbers as key results; ("", []) when nothing is said."""
    said = said_result(abstract, limit)
    return said.text, list(said.keys)
