package ai.cinboard.text.policy;

import java.util.List;
import java.util.Map;

/**
 * The word lists behind {@link ContentPolicyChecker}, per language. They are short on purpose: each entry is
 * a term that is rarely innocent in a story (graphic injury, explicit sex, suicide, dehumanising or
 * genocidal phrases), not every word near a topic. "kill", "blood" or "kiss" are absent, so ordinary
 * thrillers and romances pass.
 *
 * <p>Syntax: words are matched whole, case-insensitively; a {@code *} at the end of a word matches any
 * ending (for inflected languages: "vergewaltig*" matches vergewaltigt, Vergewaltigung); spaces match any
 * whitespace. Japanese and Chinese are matched as substrings since they have no spaces.
 *
 * <p>Known limits: no slurs are listed (hate is caught only through dehumanising and genocidal phrasing);
 * no spelling variants, leetspeak or euphemisms; negation and context ("she survived the massacre") are not
 * understood; a few prefixes overreach (en "rape*" also matches "rapeseed"). The result is a flag for a
 * person to look at, and a block only for the one category where a false positive is acceptable.
 */
final class PolicyLexicon {
    /** Groups of terms; MINOR and SEXUAL_ACT together in one sentence make the blocking category. */
    enum Group {
        MINOR,
        SEXUAL_ACT,
        NUDITY,
        VIOLENCE,
        HATE,
        SELF_HARM
    }

    static final Map<String, Map<Group, List<String>>> TERMS = Map.of(
            "en",
                    Map.of(
                            Group.MINOR,
                                    List.of(
                                            "child",
                                            "children",
                                            "kid",
                                            "kids",
                                            "minor",
                                            "minors",
                                            "underage",
                                            "schoolgirl*",
                                            "schoolboy*",
                                            "preteen*",
                                            "toddler*",
                                            "infant*",
                                            "little girl",
                                            "little boy",
                                            "year-old girl",
                                            "year-old boy"),
                            Group.SEXUAL_ACT,
                                    List.of(
                                            "sex",
                                            "sexual*",
                                            "intercourse",
                                            "rape*",
                                            "raping",
                                            "porn*",
                                            "orgasm*",
                                            "erotic*",
                                            "molest*",
                                            "fondl*"),
                            Group.NUDITY, List.of("naked", "nude*"),
                            Group.VIOLENCE,
                                    List.of(
                                            "decapitat*",
                                            "dismember*",
                                            "disembowel*",
                                            "gore",
                                            "gory",
                                            "mutilat*",
                                            "massacre*",
                                            "tortur*",
                                            "entrails",
                                            "blood-soaked"),
                            Group.HATE,
                                    List.of(
                                            "ethnic cleansing",
                                            "subhuman*",
                                            "untermensch*",
                                            "exterminate them all",
                                            "inferior race*"),
                            Group.SELF_HARM,
                                    List.of(
                                            "suicid*",
                                            "kill myself",
                                            "killed himself",
                                            "killed herself",
                                            "self-harm*",
                                            "self-injur*",
                                            "slit* her wrists",
                                            "slit* his wrists",
                                            "slit* my wrists",
                                            "hang myself",
                                            "end my life",
                                            "took her own life",
                                            "took his own life",
                                            "overdos*")),
            "de",
                    Map.of(
                            Group.MINOR, List.of("kind*", "minderjährig*", "schulmädchen", "schuljunge*", "kleinkind*"),
                            Group.SEXUAL_ACT,
                                    List.of(
                                            "sex",
                                            "sexuell*",
                                            "geschlechtsverkehr",
                                            "vergewaltig*",
                                            "porno*",
                                            "orgasm*",
                                            "erotisch*",
                                            "missbrauch*",
                                            "befummel*"),
                            Group.NUDITY, List.of("nackt*"),
                            Group.VIOLENCE,
                                    List.of(
                                            "enthaupt*",
                                            "verstümmel*",
                                            "ausgeweidet*",
                                            "blutbad",
                                            "gemetzel",
                                            "zerfetzt*",
                                            "folter*",
                                            "massaker*"),
                            Group.HATE,
                                    List.of(
                                            "untermensch*",
                                            "ethnische säuberung*",
                                            "minderwertige rasse*",
                                            "rassenschande"),
                            Group.SELF_HARM,
                                    List.of(
                                            "selbstmord*",
                                            "suizid*",
                                            "sich umbringen",
                                            "brachte sich um",
                                            "ritzt sich",
                                            "das leben nehmen",
                                            "nahm sich das leben",
                                            "selbstverletz*")),
            "es",
                    Map.of(
                            Group.MINOR,
                                    List.of(
                                            "niño",
                                            "niña",
                                            "niños",
                                            "niñas",
                                            "menor de edad",
                                            "menores de edad",
                                            "colegiala*",
                                            "preadolescente*",
                                            "infantil*"),
                            Group.SEXUAL_ACT,
                                    List.of(
                                            "sexo",
                                            "sexual*",
                                            "violad*",
                                            "violó",
                                            "violación sexual",
                                            "porno*",
                                            "orgasmo*",
                                            "erótic*",
                                            "abuso sexual",
                                            "abusó sexualmente"),
                            Group.NUDITY, List.of("desnud*"),
                            Group.VIOLENCE,
                                    List.of(
                                            "decapit*",
                                            "descuartiz*",
                                            "destripad*",
                                            "masacre*",
                                            "carnicería",
                                            "tortur*",
                                            "mutil*",
                                            "vísceras"),
                            Group.HATE,
                                    List.of(
                                            "limpieza étnica",
                                            "infrahumano*",
                                            "subhumano*",
                                            "raza inferior",
                                            "exterminarlos a todos"),
                            Group.SELF_HARM,
                                    List.of(
                                            "suicid*",
                                            "quitarse la vida",
                                            "se quitó la vida",
                                            "autolesi*",
                                            "cortarse las venas",
                                            "se cortó las venas")),
            "fr",
                    Map.of(
                            Group.MINOR,
                                    List.of(
                                            "enfant*",
                                            "mineur*",
                                            "fillette*",
                                            "écolière*",
                                            "écolier*",
                                            "préadolescent*"),
                            Group.SEXUAL_ACT,
                                    List.of(
                                            "sexe",
                                            "sexuel*",
                                            "viol",
                                            "violée*",
                                            "violé*",
                                            "violer",
                                            "porno*",
                                            "orgasme*",
                                            "érotique*",
                                            "attouchement*"),
                            Group.NUDITY, List.of("nue", "nues", "tout nu", "dénudé*"),
                            Group.VIOLENCE,
                                    List.of(
                                            "décapit*",
                                            "démembr*",
                                            "éventr*",
                                            "massacre*",
                                            "carnage",
                                            "tortur*",
                                            "mutil*",
                                            "viscères"),
                            Group.HATE,
                                    List.of(
                                            "épuration ethnique",
                                            "sous-homme*",
                                            "sous-humain*",
                                            "race inférieure",
                                            "tous les exterminer"),
                            Group.SELF_HARM,
                                    List.of(
                                            "suicid*",
                                            "se tuer",
                                            "mettre fin à ses jours",
                                            "mit fin à ses jours",
                                            "automutil*",
                                            "s'ouvrir les veines",
                                            "ouvert les veines")),
            "ru",
                    Map.of(
                            Group.MINOR,
                                    List.of(
                                            "ребен*",
                                            "ребён*",
                                            "дети",
                                            "детей",
                                            "детьми",
                                            "несовершеннолетн*",
                                            "малолетн*",
                                            "школьниц*",
                                            "школьник*"),
                            Group.SEXUAL_ACT,
                                    List.of(
                                            "секс*",
                                            "сексуальн*",
                                            "изнасил*",
                                            "порно*",
                                            "оргазм*",
                                            "эротич*",
                                            "растлен*",
                                            "совратил*"),
                            Group.NUDITY, List.of("обнажённ*", "обнаженн*", "голый", "голая", "голые"),
                            Group.VIOLENCE,
                                    List.of(
                                            "обезглав*",
                                            "расчлен*",
                                            "выпотрош*",
                                            "резня",
                                            "резню",
                                            "пытк*",
                                            "изувеч*",
                                            "кишки"),
                            Group.HATE, List.of("недочеловек*", "этническ* чистк*", "низшая раса", "низшей расы"),
                            Group.SELF_HARM,
                                    List.of(
                                            "самоубийств*",
                                            "суицид*",
                                            "покончить с собой",
                                            "покончил* с собой",
                                            "вскрыл* вены",
                                            "вскрыть вены",
                                            "повесил* сам")),
            "ar",
                    Map.of(
                            Group.MINOR, List.of("طفل", "طفلة", "أطفال", "قاصر", "قاصرة", "قاصرين", "صبي", "صبية"),
                            Group.SEXUAL_ACT, List.of("جنس", "جنسي*", "اغتصاب", "اغتصب*", "إباحي*", "تحرش*", "مضاجعة"),
                            Group.NUDITY, List.of("عاري*", "عارية", "عراة"),
                            Group.VIOLENCE,
                                    List.of(
                                            "مذبحة",
                                            "ذبح*",
                                            "قطع رأس*",
                                            "أحشاء",
                                            "تعذيب",
                                            "عذب*",
                                            "بتر*",
                                            "تمثيل بالجثة"),
                            Group.HATE, List.of("تطهير عرقي", "إبادة جماعية", "عرق أدنى", "دون البشر"),
                            Group.SELF_HARM,
                                    List.of("انتحار", "انتحر*", "إيذاء النفس", "قتل نفسه", "قتلت نفسها", "يقتل نفسه")),
            "ja",
                    Map.of(
                            Group.MINOR, List.of("子供", "子ども", "こども", "児童", "未成年", "少女", "少年", "幼児", "小学生", "中学生"),
                            Group.SEXUAL_ACT, List.of("性行為", "性的", "セックス", "強姦", "レイプ", "ポルノ", "わいせつ", "猥褻"),
                            Group.NUDITY, List.of("全裸", "裸体", "裸の"),
                            Group.VIOLENCE, List.of("首を切り落と", "惨殺", "虐殺", "内臓", "バラバラ死体", "拷問", "血まみれ"),
                            Group.HATE, List.of("民族浄化", "劣等民族", "皆殺しにしろ"),
                            Group.SELF_HARM, List.of("自殺", "自傷", "リストカット", "首を吊", "命を絶")),
            "zh",
                    Map.of(
                            Group.MINOR, List.of("儿童", "孩子", "小孩", "未成年", "少女", "幼女", "男孩", "女孩", "小学生"),
                            Group.SEXUAL_ACT, List.of("性行为", "性交", "强奸", "色情", "做爱", "猥亵", "性侵"),
                            Group.NUDITY, List.of("裸体", "赤裸"),
                            Group.VIOLENCE, List.of("斩首", "肢解", "屠杀", "开膛", "内脏", "酷刑", "血肉模糊"),
                            Group.HATE, List.of("种族清洗", "劣等民族", "斩尽杀绝"),
                            Group.SELF_HARM, List.of("自杀", "自残", "割腕", "轻生", "上吊")));

    /** Arabic writes conjunctions, prepositions and the article as prefixes of the word they govern. */
    static final String ARABIC_PROCLITICS = "(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)?";

    private PolicyLexicon() {}
}
