package ai.cinboard.domain;

import java.time.OffsetDateTime;

/** A row of {@code users}. */
public record User(
        Integer id,
        String email,
        String passwordHash,
        String firstName,
        String lastName,
        Boolean isActive,
        Boolean isVerified,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static User newUser(String email, String passwordHash, String firstName, String lastName) {
        return new User(null, email, passwordHash, firstName, lastName, true, false, null, null);
    }
}
