"""Explicit cues in what applicants and partners write: business models and practices a program rules out,
deal intent (with negation), conflicts and brand risks, and generic or bot-like text.

Patterns are written against ``agents.textnorm.normalise`` output (case folded, accents stripped) and cover
the languages applicants write in (en, de, fr, es, it, pt, nl, pl, ja). They name general kinds of
business and behaviour in affiliate marketing, never particular applications. Each cue has a label that
a human reads in the proposal's reasons. Matching only: ``agents.triage.screening`` decides what a cue means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.textnorm import strip_accents


@dataclass(frozen=True, slots=True)
class Cue:
    label: str
    pattern: re.Pattern[str]

    def find(self, text: str) -> str | None:
        match = self.pattern.search(text)
        return match.group(0) if match else None


def cue(label: str, pattern: str) -> Cue:
    return Cue(label, re.compile(strip_accents(pattern), re.IGNORECASE))


# Business models no program of this kind admits, whatever outdoor words surround them.
OFF_BRAND = (
    cue("gambling", r"\bcasinos?\b|\bcassino|\bbetting\b|\bbets?\b(?! on yourself)|\bsportsbook|\bbookmaker|\broulette"
        r"|\bpoker\b|\bjackpot|\bslot machines?|\bslots bonus|\bfree spins|no-deposit|\bodds on\b|skin gambling|case opening"
        r"|\bapuestas?\b|\bapostas?\b|\bpalpites\b|\bsportwetten|\bwetten\b|\bspielautomaten|paris sportifs|machines a sous"
        r"|tours gratuits|\bscommesse|\bgokken|\bweddenschap|zaklad\w* bukmacher|\bkasyn|\bbukmacher|カジノ|ギャンブル|賭け"
        r"|スロット|パチンコ|競馬予想"
        r"|\bwager\w*|\bbookies?\b|\blotter(?:y|ies)\b|loot ?box|glucksspiel|jeux d'argent|gioco d'azzardo"
        r"|jogos de azar|juegos de azar|paris en ligne|\bgokkast\w*|\bhazard\w* online"),
    cue("crypto scheme", r"\bcrypto\w*|\bbitcoin|\bbtc\b|\baltcoins?|\btoken presale|\$[a-z]{2,6} token|\bpresale|\bnfts?\b"
        r"|\bstake tokens|\bairdrop|\bdefi\b|mine bitcoin|mining rig|\bhashrate|\b\d+x (?:gains|altcoins|leverage)"
        r"|next pump|pump and dump|signals? group|\bkrypto\w*|criptomoneda|criptovaluta|kryptowalut|仮想通貨|暗号資産|ビットコイン"
        r"|\bmemecoins?\b|\bweb3\b|\btoken sale|\bico\b|\bblockchain\w* (?:project|investment)|\bcripto\w*"),
    cue("get-rich-quick", r"passive income|financial freedom|finanziell\w* frei|freiheit finanz|libertad financiera"
        r"|liberte financiere|liberta finanziaria|liberdade financeira|renda extra garantida|\bforex\b|binary options"
        r"|trading[- ]system|copy my trades|day trading|\bdropshipp|get rich|make \$?\d+[k]? (?:a|per) (?:day|week|month)"
        r"|recruit (?:\w+ )?friends|earn on every (?:membership|sign-?up)|below you\b|\bdownline|\bmlm\b|pyramid scheme"
        r"|network marketing|\bgains guaranteed|guaranteed (?:gains|returns|profit)|werde in \d+ tagen|副業|不労所得|月収\d+万|稼げる|儲か"
        r"|side hustle|be your own boss|(?:six|6|seven|7)[- ]figure|residual income|make money online|ganar dinero"
        r"|geld verdienen|gagner de l'argent|guadagnare|ganhar dinheiro|zarabiaj|verdien \w* geld"),
    cue("adult content", r"\badult (?:cam|content|site|videos?|shows?|entertainment)|\bxxx\b|\.xxx\b|\bnsfw\b|\bonlyfans"
        r"|\bfetish|\bporn|\berotic|\bcam shows?|\bcontenido para adultos|\berotik|アダルト"
        r"|\bescorts?\b|\b18\+|\bnude\w*|spicy (?:pics|content|photos|videos)|\bexplicit\b|\blewd\b|\bboudoir"),
    cue("fast fashion / counterfeits", r"\bdupes?\b|look-?alikes? under|knock-?offs?|\breplicas?\b|counterfeit"
        r"|fake designer|wear once,? return|\bhaul\b.{0,40}\bunder \$?\d+|\bfalsificad|\bgefalscht|\bcontrefac"
        r"|fake (?:brand|branded)|\b1:1 (?:copies|replica)|\baaa quality|\bimitation\w*|fast fashion"
        r"|same look as|(?:tenth|fraction) of the (?:price|cost)|logos? included|from our factory|factory[- ]direct"),
    cue("vaping / nicotine", r"\bvap(?:e|es|ing)\b|nicotine|e-?cig|\bsnus\b|e-zigarett|cigarrillo electronico|電子タバコ"
        r"|\bjuul|\bshisha|\bhookah|\bcigar(?:s|ettes)\b|\btobacco|\bvaper\w*|\bsigaret\w*"),
    cue("selling followers / fake engagement", r"(?:buy|sell|selling) (?:real )?followers|followers in a week|engagement pods?"
        r"|comment bots?|\bfollow(?:er)? packages|grow your \w+(?: \w+){0,4} page to \d|seguidores comprados|follower kaufen"
        r"|likes for sale|\bbuy (?:likes|views|subscribers)|\bcomprar seguidores|acheter des abonnes|\bfake followers"
        r"|(?:deliver|sell|provide|supply|offer)\w* (?:\d[\d,.]*k? )?(?:real(?:-looking)? |active |organic |targeted )?"
        r"(?:followers|likes|subscribers|views)\b"),
    cue("fake reviews", r"fake reviews|review (?:service|farm)s?|\d-star reviews for|paid reviews service|resenas falsas"
        r"|review swaps?|we (?:write|post) reviews|\bfake (?:testimonials|ratings)"),
    cue("drugs", r"\bcannabis\b|\bmarijuana|\bmarihuana|\bthc\b|\bedibles\b|grow kits?\b|\bget(?:ting)? (?:lifted|high|stoned)\b"
        r"|magic mushrooms|\bpsilocybin|\bkratom\b|\bweed (?:strains|kits|delivery)|\bstrains? (?:reviews?|of the week)"
        r"|review\w* (?:\w+ )?strains\b|\bcannab\w*|\bkiffen\b|大麻"),
    cue("miracle health products", r"weight[- ]?loss (?:gummies|pills|teas?|supplements?|shakes?|drops|patches)|\bgummies\b"
        r"|\bburn(?:s|ing)? (?:the )?(?:belly )?fat\b|fat[- ]?burn\w*|diet pills|detox (?:teas?|cleanses?)|appetite suppress\w*"
        r"|lose \d+ ?(?:kg|kilos?|lbs?|pounds) (?:in|before|without|fast)|miracle (?:cure|supplement|pill|powder)\w*"
        r"|testosterone boost\w*|\bsarms\b|abnehm(?:tee|pillen|tropfen)|pilules? minceur|pastillas para adelgazar"),
    cue("selling links / SEO schemes", r"do-?follow links?|\blink farms?\b|\bpbns?\b|\bsell\w* (?:back)?links\b|backlinks? (?:packages?|for sale)"
        r"|paid guest posts?|guest posts? for sale|\blinks? placed across"),
    cue("hate or harassment", r"harass\w*|(?:groups|people|bloggers|creators|those) (?:we|i) hate\b|keep them out|\bdon'?t belong (?:here|in our)|\binvaders?\b|go back (?:to )?where they came"
        r"|\bsubhuman|\bvermin\b"r"|white power|racial purity|great replacement|\bwhites only\b|\bbreed them out"
        r"|our own blood|(?:immigrants|foreigners|outsiders|migrants) (?:are )?not welcome|\bno (?:immigrants|foreigners)\b"
        r"|(?:blood|race|ethnic) purity|\bour (?:own )?(?:race|kind) only"),
)

# A deal or coupon business: rejected unless the text says it is not one ("no deals, no coupons").
DEAL = cue("coupon / deal content",
    r"\bcoupons?\b|coupon codes?|promo ?codes?|discount (?:codes?|page|communit\w*|club|forum)|\bvouchers?\b|\bcash ?back"
    r"|money-back rewards|\bpoints?\b.{0,30}\b(?:gift cards|rewards?|purchases)|\brebates?\b|price[- ](?:drops?|cuts?|alerts?)"
    r"|\bbargains?\b|\bdeals\b|\bdeal (?:alerts?|pages?|accounts?|sites?|hunt\w*|of the (?:day|week))|\bdaily deal|\bsavings?\b|code of the week|best code|\d+ ?% (?:off|back)|new-customer codes"
    r"|\bcupon\w*|codigo de descuento|\bchollos?|\bofertas?\b|\bgutschein\w*|\brabatt\w*|\bschnappchen|\bangebote\b"
    r"|code promo|bons? plans?|\breduction\w*|codice sconto|\bsconti\b|\bofferte\b|\bcupo[mn]s?\b|\bcupao|\bpromocoes"
    r"|\bkortings?\w*|aanbieding\w*|waardebon\w*|kod\w* rabatow\w*|\bkupon\w*|\bpromocj\w*|\bznizk\w*|クーポン|ポイント還元"
    r"|割引|セール情報|お得情報")
NEGATION = re.compile(strip_accents(
    r"(?:\bno\b|\bnot\b|\bnever\b|\bwithout\b|\bzero\b|\bnor\b|n't\b|\bsin\b|\bnunca\b|\bni\b|\bkein\w*|\bnie\b|\bohne\b"
    r"|\bnicht\b|\bpas\b|\bjamais\b|\bsans\b|\baucun\w*|\bniente\b|\bmai\b|\bsenza\b|\bnessun\w*|\bsem\b|\bnenhum\w*|\bgeen\b"
    r"|\bnooit\b|\bzonder\b|\bbez\b|\bnigdy\b|\bzadn\w*)(?:\W+\w+){0,3}\W*$"), re.IGNORECASE)
DEAL_DENIAL = cue("says it is not a deal page", r"\b(?:not|never|no)\b (?:a |an )?(?:deals?|bargain|coupon|discount|voucher)\w*"
    r"(?: \w+)? (?:page|account|site|channel|blog|codes?|content|post\w*)?|\bno deals\b|\bno coupons\b|i never post \w* ?codes")
SIDE_BUSINESS = re.compile(r"\b(?:also|separate|side|second|another)\b")
REFUSED_AFTER = re.compile(strip_accents(
    r"^\W*(?:\w+\W+){0,4}?(?:i\s+|we\s+)?(?:don'?t|do not|never|won'?t|will not|refuse to|no longer)\s+(?:\w+\s+)?"
    r"(?:do|post|share|offer|publish|run|use|give|hand out|make)\b"
    r"|^\W*(?:\w+\W+){0,4}?(?:is|are)\s+(?:not|never)\s+(?:what|something) (?:i|we)\b"), re.IGNORECASE)
"""Right after the deal words (in their sentence, or the next when theirs ends there): the applicant refuses them
("people ask me for a discount code; I don't do them")."""
_SENTENCE = re.compile(r"(?<=[.!?。！？;])\s+|\n+")


def deal_intent(normalised: str) -> tuple[str, bool] | None:
    """(the deal words, whether they describe a side channel) for deal language that is neither negated ("no
    coupons") nor denied ("not a deals account"); None when the text is not about deals."""
    if DEAL_DENIAL.find(normalised) is not None:
        return None
    sentences = _SENTENCE.split(normalised)
    for i, sentence in enumerate(sentences):
        following = " ".join(sentences[i + 1: i + 2])
        for match in DEAL.pattern.finditer(sentence):
            after = sentence[match.end():]
            refused = REFUSED_AFTER.search(after) or (not after.strip(" .;,") and REFUSED_AFTER.search(following))
            if NEGATION.search(sentence[: match.start()]) is None and not refused:
                return match.group(0), SIDE_BUSINESS.search(sentence[: match.start()]) is not None
    return None

# Practices a program rules out: (label, what states the practice, is it a rejection when stated plainly).
PRACTICES = (
    cue("bidding on brand terms", r"paid search.{0,80}\bbrand|ads (?:i run )?on brand (?:names|terms)|brand (?:keywords|terms)"
        r"|bid\w* on (?:the )?brand|brand-?name (?:ads|keywords)"r"|trademark (?:bidding|keywords)|ppc on (?:the |your )?brand|google ads on (?:the |your )?brand"
        r"|\bbid(?:s|ding)? on ['\"\u2018\u201c]|\b(?:google|bing|search|paid) ads?\b.{0,40}\b(?:brand|trademark)"),
    cue("buying through own link", r"buy\w* through (?:your|my|our|their) own links?|own (?:affiliate )?links? to buy"
        r"|(?:buy|order|purchas|shop)\w* (?:\w+ ){0,2}(?:through|via|with|using) (?:my|your|our|their) own (?:affiliate )?(?:links?|codes?)"
        r"|purchas\w* through my own link|compro (?:con|por) mi propio enlace"),
    cue("cookie dropping / link hijacking", r"rewrites? (?:shop |store )?links|referral tag to|add\w* our (?:referral|affiliate) (?:tag|id)"
        r"|browser add-?on|cookie (?:stuff|drop)\w*|pop-?under|opens? an affiliate link|auto-?appl\w*|自動適用"
        r"|invisible (?:iframe|pixel)|hidden iframe|auto-?redirect\w*|redirects? (?:every |all )?visitors"
        r"|browser-?erweiterung|extension (?:de|du) navigateur|extension del navegador|estensione del browser|extensao do navegador"
        r"|browserextensie|rozszerzeni\w* przegladarki"
        r"|(?:links?|enlaces|liens|collegamenti|linki)\W+(?:\w+\W+){0,4}(?:umschreib|reescrib|reecri|riscriv|reescrev|herschrijf"
        r"|przepisuj)\w*"),
    cue("incentivised or forced clicks", r"(?:to enter|entry).{0,60}click\w* my (?:affiliate )?link|click\w* my (?:affiliate )?link.{0,40}"
        r"(?:enter|win|giveaway|screenshot)|pay\w* (?:my )?followers (?:per|for every) (?:order|click|purchase)|forced clicks"
        r"|reward\w* (?:them |people |followers )?for (?:every )?click\w*|points for (?:every )?click|must click"
        r"|\bpay\w* (?:\w+ ){0,4}(?:followers?|viewers|readers|people|fans)\b.{0,40}\b(?:per|for every|for each) (?:order|click|purchase|sale)"
        r"|(?:buy|order|purchase|click)\w* (?:\w+ ){0,2}(?:through|via|with|using) my (?:affiliate )?(?:link|code).{0,80}"
        r"\b(?:draw|raffle|giveaway|prize|sweepstake|lottery|entered|entry|win)\b"
        r"|\b(?:receipts?|proof of purchase)\b.{0,60}\b(?:draw|raffle|giveaway|prize|entered|win)\b"),
    cue("leaking partner codes", r"exclusive codes (?:other|from other)|codes meant for (?:specific )?partners|other (?:partners'?|ambassadors'?)"
        r" (?:exclusive )?codes|scraped from other partners|repost\w* the exclusive codes"),
    cue("untested or fabricated reviews", r"(?:have|had) not tested|haven'?t (?:actually )?tested|without (?:ever )?testing|never (?:actually )?"
        r"(?:used|tried) (?:them|it|the)|ai-written|made-up (?:tests|reviews)|fabricat\w*"
        r"|never (?:tried|touched) (?:them|it)|copy (?:the )?manufacturer\w* descriptions"
        r"|(?:write|writing|wrote) (?:\w+ ){0,3}(?:up )?from (?:the )?spec(?:ification)?s?(?: sheets?)?\b|from other people'?s photos"
        r"|(?:say|claim|pretend|write) (?:that )?i (?:have |had )?(?:tested|used|tried) (?:them|it|all|every)"
        r"|ohne (?:\w+ ){0,3}(?:je |jemals )?(?:benutzt|getestet|ausprobiert)|sin (?:haber(?:los)? )?(?:probado|usado|testeado)"
        r"|sans (?:les )?(?:avoir )?(?:testes?|essayes?|utilises?)|senza (?:averl\w )?(?:provat|usat|testat)\w*"
        r"|sem (?:ter |os ter )?(?:testado|usado|experimentado)|zonder (?:ze |het )?(?:te )?(?:testen|gebruiken|proberen)"
        r"|bez (?:testowania|uzywania)|nie testowal\w*|使ったことがない|試していない"),
    cue("spam distribution", r"addresses i bought|bought (?:email )?lists|from list brokers|purchased (?:email )?lists"
        r"|(?:post|posting|drop|dropping)\w* my (?:affiliate )?links? in the comments|comments of other creators|link spam"
        r"|mass (?:dms?|messages|emails?)|\bbulk (?:email|sms|messages)|cold (?:dms|messages) to|blast\w* (?:my )?links?"
        r"|leav\w* my (?:affiliate )?links? (?:under|on|in|below) (?:every|all|other|popular|big|\w+ creators'?|\w+ channels'?)"
        r"|pay\w* (?:\w+ )?(?:commenters|people|accounts) to (?:leave|post|drop|spam)|\b\d+ comments a day|\bhundreds (?:of comments )?a day\b"
        r"|onder de video'?s van andere|in de reacties van andere|bajo los videos de otros|en los comentarios de otros"
        r"|sous les videos d'autres|dans les commentaires d'autres|sotto i video di altri|nei commenti di altri"
        r"|nos comentarios de outros|nos videos de outros|unter (?:den )?videos anderer|in den kommentaren anderer"
        r"|pod filmami innych|w komentarzach innych|他のチャンネルのコメント欄"),
    cue("refuses to disclose", r"never (?:mention|say|disclose|tag|label)\w* when (?:brands|they|companies) pay"
        r"|(?:never|don'?t|do not|won'?t) (?:mention|say|tell|admit)\w* (?:\w+ ){0,3}(?:links?|brands?|they|it|companies|sponsors?)"
        r" (?:\w+ )?pays?\b|(?:looks?|seems?|feel) like (?:a )?(?:personal|genuine|organic) recommendation|(?:don'?t|do not|won'?t|never) disclose"
        r"|only disclose when|disclos\w* (?:\w+ ){0,2}only (?:in|on|at)\b|not (?:out loud|aloud|in the audio)|non li segnalo|nie oznaczam|ne signale pas|no los (?:marco|senalo)|kennzeichne (?:ich )?(?:sie )?nicht"
        r"|without (?:any )?disclosure|looks? organic"r"|cloak\w* (?:my )?(?:affiliate )?links|hide (?:the|my) affiliate|no #ad"
        r"|missing (?:the |an? )?(?:#?ad|disclosure|sponsor\w*|paid[- ]partnership) (?:label|tag|note)s?"
        r"|(?:don'?t|do not|never|won'?t|rarely) (?:use|add|put|include) (?:#ad|#sponsored|an? (?:ad )?(?:label|disclaimer|disclosure))"
        r"|without (?:#ad|labels?|disclaimers?)|(?:prefer|choose|chose|decided) not to (?:disclose|label|tag|mention)"
        r"|keep (?:it|them|sponsorships|partnerships|the deals) (?:quiet|hidden|secret)|(?:followers|viewers) don'?t need to know"
        r"|nicht als werbung|ohne (?:werbe)?kennzeichnung|sin (?:avisar|indicar|etiquetar)|sans (?:le )?(?:mentionner|signaler)"
        r"|senza (?:dichiarar|segnalar)\w*|sem (?:avisar|identificar|sinalizar)|zonder (?:vermelding|het te melden)|bez oznacz\w*"),
    cue("ranking list without own use", r"\btop \d+ best\b|\bbest \w+(?: \w+)? 20\d\d\b|rankings? (?:updated|based on|from)"
        r"|from amazon (?:ratings|reviews)|aggregated (?:ratings|reviews|scores)|(?:scraped|pulled) (?:from )?(?:star )?ratings"),
    cue("claims an official role", r"\bofficial (?:\w+ )?(?:ambassador|partner|representative|store)\b|\bi am (?:the|an) official\b"),
    cue("uses others' work without credit", r"without credit|reposts? from other \w+|not my (?:own )?photos"),
    cue("relatives buying through the link", r"(?:mum|mom|dad|parents|relatives|family|sister|brother|wife|husband|cousins?)"
        r" (?:\w+ )?(?:buy|buys|bought|order|orders|ordered) (?:\w+ )?through my link"),
)
# When a practice is only an intention, a past lapse, gifted items or a grey area, a human decides.
HEDGE = cue("a lapse or an intention, not a policy",
    r"haven'?t decided|not (?:yet )?decided|not sure|considering|thinking about|might|may start|some of (?:my|the)|used to"
    r"|old(?:er)? posts|in the past|lately|sometimes|occasionally|\bgift\w*|free products|regalo|geschenk\w*|cadeau\w*|offert\w*"
    r"|audio-only|in the (?:\w+ )?show notes|relatives|\bmum\b|\bmom\b|\bdad\b|\bfamily\b")
LAPSE_PRACTICES = frozenset({"uses others' work without credit", "relatives buying through the link"})

# Not a rule broken, but a human should judge fit or conflict.
CONFLICT = (
    cue("works with a competitor", r"ambassador (?:for|of|with)\b|been their ambassador|brought to you by|rival \w+ (?:maker|brand)"
        r"|sponsored by (?:a|an|another|rival|competing)|competitor|exclusive (?:contract|deal) with"
        r"|sponsored athlete|team rider for|partnered exclusively|brand ambassador for"
        r"|(?:ambassad\w*|botschafter\w*|ambasador\w*|embaixador\w*|embajador\w*).{0,40}(?:autre|otra|altra|outra|ander\w*|inn\w*"
        r"|another|rival|competing|concurren\w*|konkurren\w*)|アンバサダー|(?:autre|otra|altra|outra|andere\w*) (?:marque|marca|marke|merk)"),
    cue("hunting or weapons", r"\bhunt(?:ing|er|ers|s)?\b|\bharvest and butcher|\bbutcher\w*|firearms?|\brifles?\b"
        r"|\bguns?\b|\bammo\b|knife (?:and \w+ )?drops|\bcaza\b|\bjagd\w*|\bchasse\b|\bcaccia\b"),
    cue("fear-driven or hostile tone", r"coming collapse|end ?times|the enemy is|bug-out|shouldn'?t be in the mountains|tear apart beginners"
        r"|real (?:hikers|walkers) don'?t|not for beginners|get out of my"
        r"|(?:you|they) (?:shouldn'?t|should not|don'?t deserve to) be (?:up )?(?:there|here|out)|if you'?re (?:soft|weak)\b"
        r"|stay (?:in the valley|at home|on the sofa)|if you need (?:a tutorial|help|to ask)"),
    cue("risky or rule-breaking conduct", r"\bunroped\b|\bfree ?solo\w*|rescue(?: team)?s? (?:was|were|had to be) called"
        r"|(?:got|was|been) rescued|take (?:big|huge|real) risks|\bno helmet\b|ignor\w* (?:the )?(?:closures?|warnings?|bans?|signs)"
        r"|\btrespass\w*|people love the danger|\bdrone\w* (?:over|in) (?:the )?national parks?"),
    cue("sells its own product or service", r"\bour (?:\w+ ){0,2}(?:products|gummies|pills|supplements|app|platform|courses?"
        r"|services|formula|packages|tokens|coins|academy|membership|subscription box)\b|\bwe (?:sell|ship|deliver)\b"
        r"|\bjoin (?:my|our) (?:course|programme|program|team|academy|community for)\b|\border now\b|\blimited (?:spots|offer)"
        r"|\bdm (?:me|us) to (?:order|buy|join)\b"),
    cue("celebrity or managed account", r"reality tv|\bmy management\b|\bcelebrity\b|\bmy agent\b|talent agency"),
    cue("mostly unrelated content", r"(?<!viewers are )(?<!readers are )(?<!followers are )(?<!listeners are )(?<!audience is )(?<!traffic )"
        r"(?<!subscribers are )\bmostly\b(?! on| with)|\boccasional(?:ly)?\b|now and then|de vez em quando|a veces|manchmal|parfois"
        r"|a volte|\bsoms\b|czasem|時々|music festivals?|party weekends|\bglamping|heli-?ski\w*|private safaris|\bluxury\b"
        r"|\blifestyle\b|a bit of everything|all sorts of|random (?:stuff|content|videos)"
        r"|\bmost of (?:my|the) (?:channel|grid|feed|posts|videos|content|blog|journal|page|profile)\b"
        r"|\bhalf (?:of )?(?:my|the) (?:posts|channel|feed|videos|content|grid)\b|\bthe odd\b|once in a while"
        r"|\bhlavne\b|\bmeistens\b|la mayor parte|metade do (?:canal|perfil)|la plupart de mes|\ba few episodes\b"),
    cue("an unrelated topic shares the feed", r"\bgaming\b|video ?games|(?:play|stream)\w* (?:\w+ )?(?:games|fortnite|minecraft)"
        r"|\bfashion\b|\bmakeup\b|\bmake-up\b|\bskincare\b|\bbeauty (?:tips|products|content)|\bnightlife\b|\bclubbing\b"
        r"|\bcelebrity gossip|\bmoda\b|\bmaquillaje|\bmaquiagem|\btrucco\b|\bschmink\w*|\bmakijaz\w*"),
    cue("only now and then on the brand's ground", r"\bonce (?:or twice )?a year\b|a (?:few|couple of) times a year"
        r"|una vez al ano|einmal im jahr|une fois par an|una volta all'anno|uma vez por ano|raz w roku|年に一度"),
    cue("indoor version of the activity", r"\bstudio\b|\bindoor\b|\bgym\b|climbing wall|\bhot yoga|\bestudio\b|\bgimnasio|\bpalestra|\bsilowni\w*"
        r"|\bkletterhalle|\bsalle d'escalade|\brocodromo|\bfitnessstudio|スタジオ|ジム|室内|インドア"),
    cue("new or unproven account", r"account is (?:only )?(?:\w+ )?(?:days?|weeks?) old|brand-?new account|just (?:started|opened) (?:my|the) account"
        r"|no (?:own )?(?:channel|blog|website)|i don'?t have a (?:channel|blog)"
        r"|started (?:posting|my (?:channel|account|blog)) (?:last|this) (?:week|month)|(?:a few|two|three) (?:days|weeks) ago"
        r"|planning my first|i'?ll document|haven'?t (?:posted|started)|no posts yet"
        r"|(?:started|opened|created|launched) (?:this|my|the) (?:account|channel|blog|page|profile) (?:only )?(?:last|this|a few|two"
        r"|three|\d+) (?:week|month|days|weeks|months)"),
    cue("works for a retailer", r"\bi work(?:ed)? (?:as (?:an? )?\w+(?: \w+)? )?(?:at|for|in) (?:a|an|the|our) (?:\w+ ){0,2}"
        r"(?:shop|store|retailer|outlet)\b|\bour (?:shop|store)\b|\bstaff picks\b"
        r"|\bi work (?:\w+ ){0,4}(?:at|in|for) (?:a |an |the )?(?:\w+ ){0,3}(?:shop|store|retailer|outlet)\b"
        r"|\b(?:staff|employee|sales assistant) (?:at|of) (?:a |an |the )?(?:\w+ ){0,3}(?:shop|store|retailer)"
        r"|trabalho .{0,40}\bloja|arbeite .{0,40}(?:laden|geschaft|sporthaus)|je travaille .{0,40}magasin"
        r"|trabajo .{0,40}\btienda|lavoro .{0,40}\bnegozio|werk .{0,40}\bwinkel|pracuje .{0,40}sklep"),
    cue("political or activist content", r"\bprotests?\b|\bactivis\w*|\bcampaign(?:s|ing)? (?:for|against)|\bpetitions?\b"
        r"|\bpolitic\w*|\belections?\b|\bmass trespass"),
)
# A sentence about link, code or money mechanics that is not a disclosure: how the applicant earns needs a look.
LINK_MECHANICS = cue("says how links, codes or payouts are used",
    r"\b(?:affiliate|my link|links?|codes?|commissions?|earn\w*|income|paid|pay\w*|clicks?|traffic|enlaces?|codigo\w*"
    r"|liens?|provision\w*|prowizj\w*|provisie|commissione|comissao|リンク|報酬)\b")
DISCLOSED = re.compile(strip_accents(
    r"marked|marcad|flagged|label+ed|disclos\w*|tagged|\btag\b|identificad\w*|signal\w*|segnal\w*|kennzeichne|#ad|#gifted"
    r"|paid-partnership|asterisk|always|siempre|sempre|toujours|immer|zawsze|altijd|oznacz\w*|gemarkeerd|明記|表記"
    r"|(?:you|the brand|they) (?:give|issue|provide)\w*"), re.IGNORECASE)
PRANK = cue("prank or stunt channel", r"\bpranks?\b|\bai-generated\b|\bgenerated (?:images|imagery)|\bfor (?:the )?views\b"
           r"|trash(?:ing)? the (?:campsite|place|site)|last (?:one|person) standing")

# Text that says nothing specific, or says it the way bots and mass pitches do.
GENERIC = cue("generic or bot-like text",
    r"follow (?:for|4) follow|\bf4f\b|\bl4l\b|like ?4 ?like|\bdm for promo|dear sir/?madam|\bkindly\b|mutual benefit"
    r"|top influencer|huge audience|big audience|all niches|\beverything\b$|good price|contact me\.?$|send (?:me )?free products"
    r"|lorem ipsum|products i love|\bcontent creator\.|\bgreat product\b.*\bgreat product\b"
    r"|nature vibes|send me (?:free )?products|free products please|paid promotions? available|\bshout-?outs? for"
    r"|promote any (?:brand|product)|\bany (?:brand|niche)\b|rate card|free samples|mega influencer|\bcollab\?"
    r"|dm (?:me )?for (?:prices|rates|promo\w*|collabs?)|can post for you|hello brand team|dear brand|big engagement")
PLACEHOLDER = re.compile(r"lorem ipsum|^test(?: user)?$|\btest@test\.|//(?:www\.)?example\.(?:com|org)\b|placeholder|asdf")
"""Form-filler values (example.org addresses are left alone: they are what demos and tests use)."""
