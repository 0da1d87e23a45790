"""Line-level boilerplate recognition for scraped article text.

Each rule is a pattern over one whole line (case-insensitive) with the reason recorded
when a line is removed. Rules describe page furniture in general (comment forms, share
bars, "most read" boxes, credits), not the wording of any particular article.
"""

from __future__ import annotations

import re

_SOCIAL = r"(?:facebook|twitter|x|telegram|whatsapp|email|e-mail|linkedin|print|reddit|vk|vkontakte|ok|odnoklassniki|pinterest|copy link|messenger|viber|line|tumblr|mail)"

# (reason, compiled pattern). Order matters only for the reason reported.
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("separator", re.compile(r"^[\s_\-=*~•·#.]{3,}$")),
    ("navigation", re.compile(r"^(back to top( button)?|skip to (main )?content|exit mobile version|toggle navigation|menu|search|home|next article|previous article|(next|previous|prev)( post| story)?\s*[:»›>].*|load more|show more|scroll to top)$", re.I)),
    ("share", re.compile(rf"^(share( this( article| story| post)?)?( on)?|tweet|share via|follow us( on)?)\s*[:|]?\s*({_SOCIAL}\s*[,|/·•]?\s*)*$", re.I)),
    ("share", re.compile(rf"^({_SOCIAL}\s*[,|/·•]?\s*){{2,}}$", re.I)),
    ("related", re.compile(r"^(related( articles| posts| stories| news| content| coverage)?|more (stories|news|from .{1,40})|you may (also )?like|recommended( for you)?|trending( now)?|latest( news)?|popular( posts)?|most (read|popular|viewed|shared|commented)|editor'?s picks?|top stories|in (this|other) news)\s*:?$", re.I)),
    ("read_also", re.compile(r"^(read( also| more)?|see also|also read|recommended|related|watch|listen)\s*[:\-–—»]\s*\S.{0,200}$", re.I)),
    ("comments", re.compile(r"^(leave a (reply|comment)|post (a )?comment|add (a )?comment|cancel reply|comments?( \(\d+\))?|\d+ comments?|no comments( yet)?|be the first to comment.*|join the (conversation|discussion).*|your email address will not be published.*|required fields are marked.*|(name|email|website|comment)\s*\*?|save my name, email.*|this site uses akismet.*|notify me of (new|follow-up) .*|log ?in to (reply|comment).*)$", re.I)),
    ("subscribe", re.compile(r"^follow .{1,40} on (telegram|twitter|x|facebook|instagram|whatsapp|youtube|vk|linkedin)\b.{0,60}$", re.I)),
    ("subscribe", re.compile(r"^(subscribe( now| to (our|the) .{0,40})?|sign up( for| to) .{0,60}(newsletter|updates|alerts).*|get (our|the) .{0,40}newsletter.*|newsletter|follow us on .{0,40}|join (us|our channel) on .{0,40})[.!]?$", re.I)),
    ("developing", re.compile(r"^(this (story|article|post|page) (is developing|will be updated|is being updated)\b.{0,80}|we will update( this (story|post|article|page))?( as .{0,60})?|(more|updates?|details) to follow|developing( story)?|breaking( news)?( story)?)[.!…]*$", re.I)),
    ("advert", re.compile(r"^(advertisement|sponsored( content)?|ad|ads by .{0,40}|promoted|continue reading( below)?|story continues below( advertisement)?)$", re.I)),
    ("legal", re.compile(r"^((copyright\s*)?©.{0,120}|copyright\b.{0,100}\b\d{4}\b.{0,80}|.{1,60}©\s*(\d{4}.{0,60})?|all rights reserved\.?.{0,80}|terms (of use|and conditions)|privacy policy|cookie (policy|settings)|we use cookies.{0,200}|accept( all)?( cookies)?)$", re.I)),
    ("credit", re.compile(r"^(photo|photos|image|picture|pic|video|illustration|file photo|photo credit|image credit|picture credit|source of photo)s?\s*(credit)?\s*[:/|©]\s*.{0,120}$", re.I)),
    ("credit", re.compile(r"^(courtesy|source|via|originally published( by| in| at| on)?|this (article|story) (was|first) (originally )?(published|appeared) .{0,120})\s*[:\-–]?\s*.{0,160}$", re.I)),
    # wire-service and WordPress credit lines: "(Reporting by X; Editing by Y)", "The post T appeared first on S."
    ("credit", re.compile(r"^\(?\s*((additional )?reporting|writing|editing|compiled|translated|produced) by .{2,160}\)?\.?$", re.I)),
    ("feed_footer", re.compile(r"^the post .{3,300} appeared first on .{2,80}$", re.I)),
    ("bare_label", re.compile(r"^(published|posted|updated|on|by|and|at|share|print|email|comment|tags?|topics?|filed under|categories|category)\s*:?$", re.I)),
    ("tags", re.compile(r"^(tags?|topics?|filed under|categories|category|keywords)\s*:\s*.{1,200}$", re.I)),
]

# A caption describes a picture: spatial or pictorial cues, or a trailing credit.
_CAPTION_CUES = re.compile(
    r"\b(to the (left|right)|on the (left|right)|\((left|right|centre|center|pictured)\)|pictured|in this (photo|picture|image)|file (photo|picture|image)|seen here|photo shows)\b",
    re.I,
)
_TRAILING_CREDIT = re.compile(
    r"\s*(\(|\b)(photo|image|picture|pic)\s*(credit)?\s*[:/©]\s*[^.]{1,80}\)?\s*$", re.I
)


_SHARE_SEGMENT = re.compile(rf"^((share|tweet|post|send)( this)?( on| via| to)?\s*)?{_SOCIAL}$", re.I)


def classify_line(line: str) -> str | None:
    """Return the boilerplate reason for a whole line, or None when it is (probably) content."""
    s = line.strip()
    if not s:
        return None
    words = s.split()
    segments = [x.strip() for x in re.split(r"[|•·]", s) if x.strip()]
    if len(segments) >= 2 and all(_SHARE_SEGMENT.match(x) for x in segments):
        return "share"
    for reason, pattern in RULES:
        if reason in ("credit", "read_also", "tags") and len(words) > 30:
            continue
        if pattern.match(s):
            return reason
    if len(words) <= 30 and _TRAILING_CREDIT.search(s):
        return "caption"
    if len(words) <= 20 and not s.endswith((".", "!", "?", "”", '"', ":")) and _CAPTION_CUES.search(s):
        return "caption"
    return None
