package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.User;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code users}; SQL in UserMapper.xml beside it. */
public interface UserMapper {
    /** Inserts the row (its id is ignored) and returns the generated id. */
    int insert(User row);

    User findById(@Param("id") int id);

    /** Writes every updatable column of the row with this id; returns the number of rows changed. */
    int update(User row);

    int deleteById(@Param("id") int id);

    /** Emails are unique regardless of case (see V4's unique index on lower(email)). */
    User findByEmail(@Param("email") String email);

    List<User> listAll();

    /** What decides whether a session of the user is still good: the account is active, and its epoch. */
    record SessionState(boolean active, int epoch) {}

    /** Null when the user does not exist (any more). */
    SessionState sessionState(@Param("id") int id);

    /** Ends every session of the user in every studio on this database; returns the rows changed. */
    int bumpSessionEpoch(@Param("id") int id);
}
