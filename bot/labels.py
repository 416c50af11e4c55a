"""Words the Discord bot shows, in English and Japanese, picked by the user's locale."""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "ja"]

_LABELS: dict[str, dict[Language, str]] = {
    "not_covered": {
        "en": "The article does not cover this.",
        "ja": "この記事には、その答えは書かれていません。",
    },
    "not_a_question": {
        "en": "Ask me a question about the 2021 US–Russia summit in Geneva, e.g. “Where was the summit held?”",
        "ja": "2021年のジュネーブ米露首脳会談について質問してください。例:「会談はどこで開かれましたか？」",
    },
    "closest": {"en": "Closest sections", "ja": "近いセクション"},
    "question": {"en": "Question", "ja": "質問"},
    "answer": {"en": "Answer", "ja": "回答"},
    "passage": {"en": "Passage {i} of {n}", "ja": "パッセージ {i}/{n}"},
    "page": {"en": "Page {i} of {n}", "ja": "ページ {i}/{n}"},
    "references": {"en": "References", "ja": "出典"},
    "no_references": {"en": "This passage has no footnotes.", "ja": "このパッセージには脚注がありません。"},
    "previous": {"en": "Previous", "ja": "前へ"},
    "next": {"en": "Next passage", "ja": "次のパッセージ"},
    "next_page": {"en": "Next", "ja": "次へ"},
    "not_yours": {
        "en": "Only the person who asked can turn these pages. Ask your own with /ask.",
        "ja": "ページをめくれるのは質問した人だけです。/ask で質問してください。",
    },
    "cooldown": {
        "en": "You are asking quickly: try again in {seconds:.0f} s.",
        "ja": "質問が続いています。{seconds:.0f} 秒後にもう一度どうぞ。",
    },
    "bad_question": {"en": "I cannot take that question: {reason}", "ja": "その質問は受け付けられません: {reason}"},
    "empty_message": {
        "en": "That message has no text to ask about.",
        "ja": "そのメッセージには質問にできる文字がありません。",
    },
    "delegations": {"en": "Delegations", "ja": "代表団"},
    "no_delegation": {"en": "No delegation matches “{side}”.", "ja": "「{side}」に当たる代表団はありません。"},
    "timeline": {"en": "Timeline", "ja": "年表"},
    "no_events": {"en": "No dated events in that range.", "ja": "その期間の出来事はありません。"},
    "bad_date": {"en": "{reason}", "ja": "日付は YYYY、YYYY-MM、YYYY-MM-DD の形で入力してください({reason})"},
    "no_reference": {"en": "{reason}", "ja": "その番号の出典はありません({reason})"},
    "reference": {"en": "Reference [{n}]", "ja": "出典 [{n}]"},
    "reindex_denied": {
        "en": "Only members with the Manage Server permission can rebuild the index.",
        "ja": "インデックスを再構築できるのは「サーバー管理」権限を持つメンバーだけです。",
    },
    "status_denied": {
        "en": "Only members with the Manage Server permission can see the index status.",
        "ja": "インデックスの状態を見られるのは「サーバー管理」権限を持つメンバーだけです。",
    },
    "status_title": {"en": "Index status", "ja": "インデックスの状態"},
    "server_only": {"en": "This command works only in a server.", "ja": "このコマンドはサーバー内でのみ使えます。"},
    "reindex_busy": {
        "en": "A rebuild is already running; questions are answered from the current index meanwhile.",
        "ja": "再構築はすでに実行中です。その間の質問は現在のインデックスで回答します。",
    },
    "reindex_done": {
        "en": "Rebuilt the index: {documents} document(s), {chunks} chunks (before: {previous}), {sentences} sentences "
        "in {seconds:.1f} s.",
        "ja": "インデックスを再構築しました: 文書 {documents} 件、チャンク {chunks} 件(以前 {previous} 件)、"
        "文 {sentences} 件、{seconds:.1f} 秒。",
    },
    "reindex_skipped": {"en": "Skipped: {errors}", "ja": "読み込めなかったファイル: {errors}"},
    "error": {
        "en": "Something went wrong on my side; it has been logged. Please try again.",
        "ja": "内部でエラーが発生しました(記録済み)。もう一度お試しください。",
    },
    "vote_up": {"en": "👍", "ja": "👍"},
    "vote_down": {"en": "👎", "ja": "👎"},
    "voted": {
        "en": "Thanks: your {vote} is recorded (one vote per person; click again to change it).",
        "ja": "ありがとうございます。{vote} を記録しました(1人1票。押し直すと変更できます)。",
    },
    "follow_up": {"en": "Follow up", "ja": "続けて質問"},
    "follow_up_title": {"en": "Follow-up question", "ja": "続けて質問"},
    "follow_up_field": {
        "en": "Your question (it may refer to the one before)",
        "ja": "質問(前の質問を受けて構いません)",
    },
    "follow_up_where": {"en": "Answered in {place}.", "ja": "{place} で回答しました。"},
    "expired": {
        "en": "This answer is too old or no longer kept, so its buttons no longer work. Ask again with /ask.",
        "ja": "この回答は古いか保存されていないため、ボタンは使えません。/ask でもう一度質問してください。",
    },
    "stats_denied": {
        "en": "Only members with the Manage Server permission can see the statistics.",
        "ja": "統計を見られるのは「サーバー管理」権限を持つメンバーだけです。",
    },
    "stats_title": {"en": "summit-bot: the last {days} days", "ja": "summit-bot: 過去 {days} 日間"},
    "stats_body": {
        "en": "Questions: **{questions}** · answered **{answered}** ({share:.0%}) · refused **{refused}**\n"
        "Votes: 👍 **{up}** · 👎 **{down}**",
        "ja": "質問: **{questions}** 件 · 回答 **{answered}** 件({share:.0%})· 回答なし **{refused}** 件\n"
        "評価: 👍 **{up}** · 👎 **{down}**",
    },
    "stats_refused": {"en": "Most asked, not covered", "ja": "よく聞かれたが記事にない質問"},
    "stats_none": {"en": "None", "ja": "なし"},
    "help_title": {"en": "summit-bot: how to ask", "ja": "summit-bot の使い方"},
    "help": {
        "en": "I answer questions about the **2021 US–Russia summit in Geneva** from its Wikipedia article "
        "(a machine translation of the Japanese page). Every sentence I show is the article's own, with its "
        "footnotes; when the article does not say, I tell you so.\n\n"
        "**/ask** `question` — ask in English or Japanese; add `private: True` to see the answer alone.\n"
        "**Ask summit-bot** — right-click a message → Apps, to ask its text.\n"
        "**/delegation** `side` — who was in each delegation.\n"
        "**/timeline** `from` `to` — dated events, oldest first (dates as YYYY, YYYY-MM or YYYY-MM-DD).\n"
        "**/source** `number` — a footnote's reference entry.\n"
        "**/reindex** — rebuild the index from the article (Manage Server only).\n\n"
        "Mention me with a question to get the answer as a reply; reply to one of my answers (or press "
        "**Follow up**) to ask on from it: 「ロシア側は？」, “and what did Putin say?”.",
        "ja": "2021年のジュネーブ米露首脳会談について、Wikipedia の記事(日本語の機械翻訳)から答えます。"
        "表示する文はすべて記事の文そのもので、脚注付きです。記事に書かれていないことは、そう答えます。\n\n"
        "**/ask** `question` — 日本語でも英語でも質問できます。`private: True` で自分だけに表示。\n"
        "**Ask summit-bot** — メッセージを右クリック → アプリ で、その文を質問します。\n"
        "**/delegation** `side` — 各代表団のメンバー。\n"
        "**/timeline** `from` `to` — 日付のある出来事を古い順に(YYYY、YYYY-MM、YYYY-MM-DD)。\n"
        "**/source** `number` — 脚注番号の出典。\n"
        "**/reindex** — 記事からインデックスを再構築(サーバー管理権限が必要)。\n\n"
        "メンションして質問すると返信で答えます。回答に返信する(または **続けて質問** を押す)と、"
        "前の質問を受けて答えます: 「ロシア側は？」など。",
    },
}


def language(locale: object) -> Language:
    """``ja`` for a Japanese Discord locale, otherwise ``en``."""
    return "ja" if str(getattr(locale, "value", locale)).lower().startswith("ja") else "en"


def label(key: str, lang: Language, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in."""
    text = _LABELS[key][lang]
    return text.format(**values) if values else text
