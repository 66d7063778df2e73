"""Examples of what ruled-out businesses, practices and open questions sound like, for matching by meaning.

``agents.content_cues`` catches the usual words; these catch the same things said otherwise, in any of the
encoder's 16 languages (``agents.semantic``): a sentence of an application that is close enough to an
example here is treated like the cue of that label. General affiliate-marketing knowledge, written for
this purpose; never copied from an evaluation item.
"""

from __future__ import annotations

from typing import Literal

Kind = Literal["business", "practice", "question"]

BUSINESS_FLOOR = 0.52
"""A sentence this close (USE v3 cosine) to an example of a ruled-out business is one; on the tune split the
closest genuine creator's sentence stayed below 0.49."""
PRACTICE_FLOOR = 0.65
"""Practices are said in words close to honest ones ("every affiliate link is disclosed" sits near "my
download rewrites links", 0.56), so they need to be closer. Disclosure is left to the cue list: the encoder
does not tell "I always disclose" from "I never disclose"."""

QUESTION_FLOOR = 0.56
"""Open questions (a conflict, a brand risk, a mostly unrelated feed) ask a human; on the tune split the
closest sentence of an application the reviewer approved stayed at 0.50."""

DISCLOSURE_FLOOR = 0.55
"""A sentence about links this close to a way of disclosing them (and ``DISCLOSURE_MARGIN`` closer to it than to
any ruled-out practice or deal example) is a disclosure, however it is worded: "I list what I carried and mark
links that pay me" asks nothing of a human. On the tune rows the closest practice sentence reached 0.50."""
DISCLOSURE_MARGIN = 0.03
LINK_PRACTICE_FLOOR = 0.5
"""A sentence that already talks about links, codes or payouts states a ruled-out practice when it is this close
to an example of one (and ``LINK_PRACTICE_MARGIN`` closer than to any disclosure): lower than
``PRACTICE_FLOOR`` because the link words are a second, independent sign ("I pay commenters to leave my link
under big creators' videos" sits at 0.53)."""
LINK_PRACTICE_MARGIN = 0.08
DISCLOSURES = (
    "Every affiliate link is clearly marked.", "I label paid links and say when I earn a commission.",
    "Sponsored posts are tagged as ads.", "I tell my readers which links pay me.",
    "I keep a page that lists who pays me.", "Gifted products and commission links are always disclosed.",
    "I buy most of what I test myself and mark every commission link.", "Paid links are stated in the description.",
    "Affiliate-Links kennzeichne ich immer.", "Je signale toujours les liens affiliés.",
    "Siempre marco los enlaces de afiliado.", "Segnalo sempre i link di affiliazione.",
    "Sempre identifico os links de afiliado.", "Affiliatelinks markeer ik altijd.", "Linki afiliacyjne zawsze oznaczam.",
    "アフィリエイトリンクは必ず明記します。",
)

EXEMPLARS: dict[tuple[str, Kind], tuple[str, ...]] = {
    ("gambling", "business"): (
        "Online casino bonuses, free spins and slot machines.", "Sports betting tips and odds, deposit through my link.",
        "Play roulette and poker and claim a welcome bonus.", "Skin gambling and case openings for gamers.",
        "Daily betting predictions with bookmaker bonus links.",
        "Apuestas deportivas y bonos de casino cada día.", "Tägliche Sportwetten-Tipps mit Casino-Bonus.",
    ),
    ("crypto scheme", "business"): (
        "Buy this token before it lists on exchanges.", "Crypto trading signals and altcoin calls every day.",
        "Mine bitcoin and earn passive crypto income.", "Join the NFT presale and stake your tokens.",
    ),
    ("get-rich-quick", "business"): (
        "Make money fast from home with my course.", "Recruit friends and earn on everyone below you.",
        "Forex and binary options trading for financial freedom.",
        "Dropshipping store selling trending products with huge margins.",
        "Quit your job and earn thousands a month with this system.",
        "副業で簡単に月収100万円、今すぐ登録してください。", "Gana miles de euros al mes desde casa con mi sistema.",
    ),
    ("adult content", "business"): (
        "Explicit adult videos and cam shows for subscribers.", "Erotic content and fetish sets on my paid page.",
    ),
    ("counterfeits / fast fashion", "business"): (
        "Cheap designer dupes and knock-off jackets.", "Replica branded clothing at a fraction of the price.",
        "Weekly fast fashion haul, wear it once and return it.",
        "Copies of famous brand jackets with the logos, shipped straight from the factory.",
    ),
    ("vaping / nicotine", "business"): ("Vape kits and nicotine pouches with my discount code.", "E-cigarette reviews and flavours."),
    ("selling followers / fake engagement", "business"): (
        "Buy followers and likes to grow your account fast.", "Engagement pods and comment bots for influencers.",
        "We deliver thousands of followers and likes to your page within days.",
    ),
    ("fake reviews", "business"): ("We write five-star reviews for your products.", "Paid review service for online shops."),
    ("hate or harassment", "business"): (
        "Those people do not belong here, keep them out.", "Content attacking immigrants and minorities.",
        "Only people of our own race are welcome; foreigners should stay out.",
    ),
    ("coupon / deal content", "business"): (
        "Every working discount code and voucher for this month.",
        "Earn cashback and points when you shop through our portal.",
        "Daily deals, price drops and promo codes.", "A browser extension that applies coupons at checkout.",
    ),
    ("bidding on brand terms", "practice"): (
        "I run paid search ads on the brand's own name.", "Most of my traffic comes from search ads on brand keywords.",
        "I buy Google ads for searches of the brand's name and send them through my link.",
    ),
    ("buying through own link", "practice"): (
        "I buy products through my own affiliate link to earn the commission.",
        "Order through your own link and keep the commission.",
    ),
    ("cookie dropping / link hijacking", "practice"): (
        "Our extension adds our affiliate tag to every order.", "The page silently sets affiliate cookies for visitors.",
        "My download replaces shop links with my affiliate ID.", "Clicking anywhere opens an affiliate link in a new window.",
        "My browser plug-in sets affiliate cookies on the shops my readers visit.",
    ),
    ("incentivised or forced clicks", "practice"): (
        "Click my affiliate link to enter the giveaway.", "I pay my followers for every order they place through my link.",
        "Visitors must click the affiliate link before they can download.",
        "Followers earn a reward for every purchase made through my link.",
        "Everyone who buys through my link is entered into a prize draw.",
        "My videos stay locked until viewers click my affiliate link.",
    ),
    ("leaking partner codes", "practice"): (
        "I share the exclusive codes that other partners receive.", "We collect codes from other affiliates and publish them.",
    ),
    ("untested or fabricated reviews", "practice"): (
        "I write reviews of products I have never used.", "My product reviews are generated by AI without testing.",
        "I copy the specifications from the shop and call it a review.",
        "I say I tested products that I only know from the spec sheet.",
        "I post five-star ratings for the products I link under other names.",
    ),
    ("spam distribution", "practice"): (
        "I send my links to a purchased email list.", "I post my affiliate link in comments on other channels and forums.",
        "I message strangers in bulk with my affiliate link.",
    ),
    ("claims an official role", "practice"): ("I tell my followers I am the brand's official ambassador.",),
    ("works with a competitor", "question"): (
        "I am an ambassador for another outdoor brand.", "My videos are sponsored by a rival company.",
        "I have an exclusive contract with a different gear maker.",
    ),
    ("hunting or weapons", "question"): ("Hunting trips and butchering the animals I shoot.", "Reviews of guns, knives and ammunition."),
    ("fear-driven or hostile tone", "question"): ("Prepare for the collapse of society.", "I mock people who buy the wrong kit."),
    ("celebrity or managed account", "question"): (
        "I am a famous TV personality with millions of fans.", "My management team handles all partnerships.",
    ),
    ("mostly unrelated content", "question"): (
        "Mostly lifestyle, fashion and food, with the odd outdoor post.", "Party weekends, festivals and nightlife.",
        "Luxury hotels, spas and private travel.", "Gaming streams, and sometimes I go for a walk.",
    ),
    ("new or unproven account", "question"): (
        "I just created my account a few weeks ago.", "My channel is brand new and has only a couple of posts.",
    ),
    ("no owned channel", "question"): ("I don't have my own channel, I post in other people's groups.",),
    ("political or activist content", "question"): ("Protest campaigns and political activism.", "My channel is about party politics."),
    ("indoor version of the activity", "question"): ("Indoor gym classes and studio sessions.", "Climbing at the indoor wall in the city."),
}
