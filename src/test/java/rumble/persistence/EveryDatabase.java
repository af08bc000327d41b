package rumble.persistence;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The extension behind {@link OnEveryDatabase}: one invocation per {@link Dialect}. */
final class EveryDatabase implements TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EveryDatabase.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    return Stream.of(Dialect.values()).map(OneDatabase::new);
  }

  private record OneDatabase(Dialect dialect) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + dialect + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(skippedWithoutServer(dialect), new FreshDatabase(dialect));
    }
  }

  /** Skips a PostgreSQL run where no server is named, outside CI (in CI, creating its database fails it). */
  private static ExecutionCondition skippedWithoutServer(Dialect dialect) {
    return context -> dialect == Dialect.POSTGRESQL
        ? TestPostgres.skipReason().map(ConditionEvaluationResult::disabled)
            .orElse(ConditionEvaluationResult.enabled("a PostgreSQL server is named (or CI must have one)"))
        : ConditionEvaluationResult.enabled("SQLite is always there");
  }

  /** Hands the test and its lifecycle methods one TestDatabase, closed (and removed) after the test. */
  private record FreshDatabase(Dialect dialect) implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      // The store closes AutoCloseable values when the test's context ends, after @AfterEach.
      return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestDatabase.class, key -> {
        try {
          return TestDatabase.create(dialect);
        } catch (Exception e) {
          throw new IllegalStateException("could not create a " + dialect + " test database", e);
        }
      }, TestDatabase.class);
    }
  }
}
