package rumble.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Instead of {@code @Test}: runs the test once on SQLite and once on PostgreSQL, each time with a
 * fresh {@link TestDatabase} that the test method, and its {@code @BeforeEach}/{@code @AfterEach}
 * methods, take as a parameter. The PostgreSQL run is skipped with its reason where no test server
 * is set up, and fails in CI (see {@link TestPostgres}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(EveryDatabase.class)
public @interface OnEveryDatabase {}
