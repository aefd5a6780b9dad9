package ai.cinboard.testing;

import ai.cinboard.domain.Character;
import ai.cinboard.domain.InputRecord;
import ai.cinboard.domain.Scene;
import ai.cinboard.domain.User;
import ai.cinboard.persistence.mapper.CharacterMapper;
import ai.cinboard.persistence.mapper.InputRecordMapper;
import ai.cinboard.persistence.mapper.SceneMapper;
import ai.cinboard.persistence.mapper.UserMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;

/** Small builders for rows that tests need as parents. */
public final class Fixtures {
    private Fixtures() {}

    public static int user(SqlSession s) {
        return s.getMapper(UserMapper.class)
                .insert(User.newUser("u-" + UUID.randomUUID() + "@example.com", "x", "Test", "User"));
    }

    public static int inputRecord(SqlSession s, int userId) {
        return s.getMapper(InputRecordMapper.class).insert(InputRecord.newRecord(userId, "A story.", null, null, null));
    }

    public static int scene(SqlSession s, int inputRecordId, int number) {
        return s.getMapper(SceneMapper.class)
                .insert(new Scene(
                        null,
                        inputRecordId,
                        number,
                        number,
                        "INT. ROOM " + number + " - DAY",
                        "ROOM " + number,
                        "DAY",
                        "Text " + number,
                        new BigDecimal("4.500"),
                        null,
                        null));
    }

    public static int character(SqlSession s, int inputRecordId, String name) {
        return s.getMapper(CharacterMapper.class)
                .insert(new Character(
                        null,
                        inputRecordId,
                        name.toLowerCase(),
                        name,
                        name + " is a character.",
                        "ck-" + name,
                        null,
                        Map.of("seed", 1),
                        null,
                        null,
                        null));
    }
}
