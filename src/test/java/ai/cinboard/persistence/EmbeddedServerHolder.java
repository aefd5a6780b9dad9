package ai.cinboard.persistence;

import ai.cinboard.domain.User;
import ai.cinboard.persistence.mapper.UserMapper;
import java.nio.file.Path;

/** Run in a child JVM by {@link EmbeddedCrashRecoveryTest}: owns the embedded server until it is killed. */
public final class EmbeddedServerHolder {
    private EmbeddedServerHolder() {}

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(DatabaseSettings.embedded(Path.of(args[0])));
        db.inTransaction(s -> s.getMapper(UserMapper.class).insert(User.newUser(args[1], "h", "Before", "Crash")));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
