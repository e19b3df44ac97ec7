package io.releasegraph.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.context.DefaultContextPropagationInterceptor;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PlainMutinyCallbacksTest {

    @Test
    void contextPropagationIsTheOnlyCallbackDecoratorOnTheClasspath() {
        // if this fails, a library added a decorator: the gateway now keeps all of them (see PlainMutinyCallbacks)
        assertThat(PlainMutinyCallbacks.registeredCallbackDecorators())
                .containsExactly(DefaultContextPropagationInterceptor.class);
    }

    @Test
    void callbacksRunUndecoratedOnceTheGatewayStarted() {
        Function<String, String> callback = text -> text;
        assertThat(Infrastructure.decorate(callback)).isSameAs(callback);
    }

    @Test
    void anyOtherDecoratorIsKeptByKeepingThemAll() {
        class LibraryDecorator {
        }
        assertThat(PlainMutinyCallbacks.otherCallbackDecorators(
                List.of(DefaultContextPropagationInterceptor.class, LibraryDecorator.class)))
                .containsExactly(LibraryDecorator.class);
        assertThat(PlainMutinyCallbacks.otherCallbackDecorators(List.of(DefaultContextPropagationInterceptor.class)))
                .isEmpty();
    }
}
