package ai.cinboard.text;

import java.util.List;
import java.util.Locale;

/**
 * Prints the language detector's load time, heap after load and accuracy on our own samples.
 * Not a test: figures depend on the machine. Run with
 * {@code mvn -B -q -o test-compile exec:java -Dexec.mainClass=ai.cinboard.text.LanguageDetectorBenchmark -Dexec.classpathScope=test}.
 */
public final class LanguageDetectorBenchmark {
    record Sample(String expected, String text) {}

    /** Short story lines written for this benchmark: one to two sentences, like a story's paragraph. */
    static final List<Sample> SAMPLES = List.of(
            new Sample(
                    "en",
                    "The lighthouse keeper climbed the stairs slowly, counting every step as the storm grew louder."),
            new Sample("en", "She left the letter on the kitchen table and walked out without looking back."),
            new Sample("en", "Nobody in the village remembered when the old bridge had last been repaired."),
            new Sample(
                    "de",
                    "Der Leuchtturmwärter stieg langsam die Treppe hinauf und zählte jede Stufe, während der Sturm lauter wurde."),
            new Sample(
                    "de", "Sie ließ den Brief auf dem Küchentisch liegen und ging, ohne sich noch einmal umzudrehen."),
            new Sample("de", "Niemand im Dorf wusste mehr, wann die alte Brücke zuletzt repariert worden war."),
            new Sample(
                    "es", "El farero subió despacio la escalera, contando cada peldaño mientras la tormenta crecía."),
            new Sample("es", "Dejó la carta sobre la mesa de la cocina y se marchó sin mirar atrás."),
            new Sample("es", "Nadie en el pueblo recordaba cuándo habían arreglado el viejo puente por última vez."),
            new Sample(
                    "fr",
                    "Le gardien du phare montait lentement l'escalier en comptant chaque marche pendant que la tempête grondait."),
            new Sample("fr", "Elle laissa la lettre sur la table de la cuisine et partit sans se retourner."),
            new Sample("fr", "Personne au village ne se souvenait de la dernière réparation du vieux pont."),
            new Sample(
                    "it",
                    "Il guardiano del faro saliva piano le scale, contando ogni gradino mentre la tempesta cresceva."),
            new Sample("it", "Lasciò la lettera sul tavolo della cucina e se ne andò senza voltarsi."),
            new Sample(
                    "pt", "O faroleiro subiu devagar a escada, contando cada degrau enquanto a tempestade aumentava."),
            new Sample("pt", "Ninguém na aldeia se lembrava de quando a velha ponte tinha sido consertada."),
            new Sample(
                    "nl",
                    "De vuurtorenwachter klom langzaam de trap op en telde elke tree terwijl de storm aanwakkerde."),
            new Sample(
                    "pl", "Latarnik powoli wchodził po schodach, licząc każdy stopień, a burza przybierała na sile."),
            new Sample(
                    "ru",
                    "Смотритель маяка медленно поднимался по лестнице, считая каждую ступеньку, пока буря усиливалась."),
            new Sample("ru", "Она оставила письмо на кухонном столе и ушла, не оглядываясь."),
            new Sample(
                    "uk",
                    "Доглядач маяка повільно піднімався сходами, рахуючи кожну сходинку, поки буря посилювалася."),
            new Sample("tr", "Deniz feneri bekçisi fırtına büyürken her basamağı sayarak merdivenleri yavaşça çıktı."),
            new Sample("ar", "صعد حارس المنارة الدرج ببطء وهو يعد كل درجة بينما كانت العاصفة تشتد."),
            new Sample("ar", "تركت الرسالة على طاولة المطبخ وخرجت دون أن تنظر إلى الوراء."),
            new Sample(
                    "fa",
                    "نگهبان فانوس دریایی آهسته از پله‌ها بالا رفت و هر پله را شمرد، در حالی که طوفان شدیدتر می‌شد."),
            new Sample("he", "שומר המגדלור טיפס לאט במדרגות וספר כל מדרגה בזמן שהסערה התחזקה."),
            new Sample("ja", "灯台守は嵐が強まる中、一段ずつ数えながらゆっくりと階段を上った。"),
            new Sample("ja", "彼女は台所のテーブルに手紙を置いて、振り返らずに出て行った。"),
            new Sample("zh", "灯塔看守人在风暴越来越大的时候，一级一级地数着台阶，慢慢往上爬。"),
            new Sample("zh", "她把信留在厨房的桌子上，头也不回地走了。"),
            new Sample("ko", "등대지기는 폭풍이 거세지는 동안 계단을 하나하나 세며 천천히 올라갔다."),
            new Sample(
                    "hi", "तूफ़ान तेज़ होता जा रहा था और प्रकाशस्तंभ का रखवाला हर सीढ़ी गिनते हुए धीरे-धीरे ऊपर चढ़ा।"),
            new Sample("el", "Ο φαροφύλακας ανέβαινε αργά τη σκάλα μετρώντας κάθε σκαλί καθώς η καταιγίδα δυνάμωνε."),
            new Sample("sv", "Fyrvaktaren gick långsamt uppför trappan och räknade varje steg medan stormen tilltog."),
            new Sample("th", "ผู้ดูแลประภาคารค่อยๆ เดินขึ้นบันไดทีละขั้นขณะที่พายุแรงขึ้นเรื่อยๆ"),
            new Sample("vi", "Người gác hải đăng chậm rãi leo cầu thang, đếm từng bậc trong khi cơn bão mạnh dần."));

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        LanguageDetector detector = new LanguageDetector();
        long start = System.nanoTime();
        detector.warmUp();
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();

        int right = 0;
        java.util.Set<String> languages = new java.util.TreeSet<>();
        long detectStart = System.nanoTime();
        for (Sample s : SAMPLES) {
            LanguageDetector.Detection d = detector.detect(s.text());
            languages.add(s.expected());
            boolean ok = d.language().equals(s.expected());
            if (ok) {
                right++;
            } else {
                System.out.printf(
                        "  MISS expected %s got %s (%s): %s%n", s.expected(), d.language(), d.confidence(), s.text());
            }
        }
        long detectMillis = (System.nanoTime() - detectStart) / 1_000_000;
        System.out.printf(Locale.ROOT, "languages in set: %d, low-accuracy mode%n", LanguageDetector.LANGUAGES.size());
        System.out.printf(Locale.ROOT, "load time: %d ms%n", loadMillis);
        System.out.printf(
                Locale.ROOT,
                "heap used after load: %.1f MB (%.1f MB more than before load)%n",
                heapAfter / 1e6,
                (heapAfter - heapBefore) / 1e6);
        System.out.printf(
                Locale.ROOT,
                "accuracy: %d/%d samples right (%.1f%%) across %d languages; detection took %d ms%n",
                right,
                SAMPLES.size(),
                100.0 * right / SAMPLES.size(),
                languages.size(),
                detectMillis);
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
