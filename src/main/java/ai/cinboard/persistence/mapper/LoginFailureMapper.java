package ai.cinboard.persistence.mapper;

import ai.cinboard.domain.LoginFailures;
import org.apache.ibatis.annotations.Param;

/** MyBatis mapper for {@code users_login_failures}; SQL in LoginFailureMapper.xml beside it. */
public interface LoginFailureMapper {
    LoginFailures find(@Param("emailLower") String emailLower);

    /**
     * Counts one more failure, atomically. The count starts again at 1 when the previous failure is older than
     * {@code windowSeconds} or an earlier lock has run out. Reaching {@code maxFailures} locks the email for
     * {@code lockSeconds}. Returns the row as it is now.
     */
    LoginFailures recordFailure(
            @Param("emailLower") String emailLower,
            @Param("maxFailures") int maxFailures,
            @Param("lockSeconds") long lockSeconds,
            @Param("windowSeconds") long windowSeconds);

    int clear(@Param("emailLower") String emailLower);
}
