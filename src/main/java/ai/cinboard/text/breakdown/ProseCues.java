package ai.cinboard.text.breakdown;

import java.util.regex.Pattern;

/**
 * Per-language cues for prose: scene separators, chapter markers, paragraph-opening transitions of time or
 * place, times of day and common places. The lists cover en, de, es, fr, ru, ar, ja and zh; other languages
 * still split on separators, chapters and paragraphs, but get no transition, place or time cues.
 */
final class ProseCues {
    /** A line of only ***, ---, ＊＊＊, ~~~, ###, ◇◇◇ or ・・・ (with or without spaces), or a lone §. */
    static final Pattern SEPARATOR = Pattern.compile(
            "^\\s*(?:(?:\\*\\s*){3,}|(?:-\\s*){3,}|(?:＊\\s*){3,}|(?:~\\s*){3,}|(?:#\\s*){3,}|(?:◇\\s*){3,}|(?:◆\\s*){3,}|(?:・\\s*){3,}|§)\\s*$");

    /** "Chapter 2", "Kapitel II", "Capítulo tres", "Глава 3", "الفصل الثاني", "第三章", or a Markdown heading. */
    static final Pattern CHAPTER = Pattern.compile(
            "^\\s*(?:#{1,6}\\s+\\S.{0,80}"
                    + "|(?:chapter|kapitel|capítulo|capitulo|chapitre|глава|part|teil|parte|partie)\\s+[\\p{L}\\p{N}]+\\b.{0,80}"
                    + "|الفصل\\s+\\S+.{0,80}"
                    + "|第[\\p{N}一二三四五六七八九十百零〇两]+[章話话回節节幕].{0,80})$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Paragraph openings that move the story in time or place, so a new scene starts there. */
    static final Pattern TRANSITION = Pattern.compile(
            "^\\s*(?:"
                    + "(?:the )?next (?:morning|day|evening|night)|later(?: that (?:day|night|evening))?|that (?:evening|night|afternoon)"
                    + "|the following (?:morning|day)|meanwhile|(?:hours|days|weeks|years) later|at (?:dawn|dusk)"
                    + "|am nächsten (?:morgen|tag|abend)|später|am abend|in der nacht|am morgen|inzwischen|(?:stunden|tage|wochen) später"
                    + "|a la mañana siguiente|al día siguiente|más tarde|esa (?:noche|tarde)|mientras tanto|(?:horas|días|semanas) después|al amanecer"
                    + "|le lendemain|plus tard|ce soir-là|cette nuit-là|pendant ce temps|le soir|au matin|(?:des heures|des jours) plus tard"
                    + "|на следующее утро|на следующий день|позже|вечером|ночью|тем временем|утром|через (?:час|день|неделю)"
                    + "|في صباح اليوم التالي|في اليوم التالي|في المساء|في تلك الليلة|بعد ساعات|لاحقا|لاحقاً|في الصباح|في هذه الأثناء"
                    + "|翌朝|翌日|その夜|その晩|夕方|数時間後|一方|次の日|朝になって"
                    + "|第二天|次日|当天晚上|那天晚上|傍晚|几个小时后|与此同时|清晨"
                    + ")(?![\\p{L}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final Pattern TIME_OF_DAY = Pattern.compile(
            "(?<![\\p{L}])(?:morning|dawn|noon|afternoon|evening|dusk|night|midnight"
                    + "|morgen|mittag|nachmittag|abend|nacht|mitternacht|dämmerung"
                    // "mañana" is also "tomorrow" and "tarde" also "late": accepted, a wrong time label is harmless
                    + "|mañana|madrugada|mediodía|tarde|noche|amanecer|anochecer"
                    + "|matin|aube|midi|après-midi|soir|soirée|nuit|minuit"
                    + "|утро|утром|вечер|вечером|ночь|ночью|рассвет|рассвете"
                    + "|الصباح|صباح|الظهر|المساء|مساء|الليل|ليلا|الفجر|الغروب)(?![\\p{L}])"
                    + "|朝|昼|夕方|夜|深夜|夜明け|早上|中午|下午|傍晚|晚上|夜里|黎明",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final Pattern PLACE = Pattern.compile(
            "(?<![\\p{L}])(?:kitchen|harbou?r|station|forest|beach|street|café|cafe|office|garden|church|school|hospital"
                    + "|market|bridge|lighthouse|bakery|library|apartment|house|roof|train|shop|park|river|village|workshop"
                    + "|küche|hafen|bahnhof|wald|strand|straße|büro|garten|kirche|schule|krankenhaus|markt|brücke"
                    + "|leuchtturm|bäckerei|bibliothek|wohnung|dach|laden|fluss|dorf|werkstatt"
                    + "|cocina|puerto|estación|bosque|playa|calle|oficina|jardín|iglesia|escuela|mercado|puente|faro"
                    + "|panadería|biblioteca|azotea|tienda|plaza|río|pueblo|taller"
                    + "|cuisine|gare|forêt|plage|rue|bureau|jardin|église|école|hôpital|marché|pont|phare|boulangerie"
                    + "|bibliothèque|appartement|maison|toit|boutique|rivière"
                    + "|кухн\\p{L}*|вокзал\\p{L}*|пляж\\p{L}*|улиц\\p{L}*|офис\\p{L}*|школ\\p{L}*|больниц\\p{L}*|маяк\\p{L}*"
                    + "|пекарн\\p{L}*|библиотек\\p{L}*|квартир\\p{L}*|комнат\\p{L}*|крыш\\p{L}*|поезд\\p{L}*|магазин\\p{L}*"
                    + "|деревн\\p{L}*|мастерск\\p{L}*"
                    + "|المطبخ|الميناء|المحطة|الغابة|الشاطئ|الشارع|المقهى|المكتب|الحديقة|المدرسة|المستشفى|السوق|الجسر"
                    + "|المنارة|المخبز|المكتبة|البيت|المنزل|الغرفة|السطح|القطار|الدكان|النهر|القرية|الصحراء|الخيمة)(?![\\p{L}])"
                    + "|台所|港|駅|森|海岸|浜辺|喫茶店|カフェ|事務所|教会|学校|病院|市場|灯台|パン屋|図書館|屋上|電車|公園|神社"
                    + "|厨房|港口|车站|森林|海滩|咖啡馆|办公室|花园|教堂|医院|市场|灯塔|面包店|图书馆|房间|屋顶|火车|商店|公园|村子|茶馆",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ProseCues() {}
}
