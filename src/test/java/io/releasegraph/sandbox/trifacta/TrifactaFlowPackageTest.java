package io.releasegraph.sandbox.trifacta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.releasegraph.support.Zips;

/** The sandbox reads uploaded ZIPs within bounds: a zip bomb is refused as a bad package, never expanded. */
class TrifactaFlowPackageTest {

    @Test
    void readsTheFlowName() {
        assertThat(TrifactaFlowPackage.flowName(Zips.flowPackage("Sales"), "p.zip")).isEqualTo("Sales");
    }

    @Test
    void refusesAnEntryThatExpandsPastTheBound() {
        byte[] bomb = Zips.bomb("data.bin", TrifactaFlowPackage.MAX_EXPANDED_BYTES + 1024 * 1024);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> TrifactaFlowPackage.flowName(bomb, "bomb.zip"))
                .isInstanceOfSatisfying(TrifactaApiException.class,
                        refused -> assertThat(refused.status()).isEqualTo(400))
                .hasMessageContaining("too large");
    }

    @Test
    void refusesAFlowJsonTooLargeToHoldInMemory() {
        byte[] bomb = Zips.bomb("flow.json", 2L * TrifactaFlowPackage.MAX_FLOW_JSON_BYTES);
        assertThatThrownBy(() -> TrifactaFlowPackage.flowName(bomb, "bomb.zip"))
                .isInstanceOf(TrifactaApiException.class).hasMessageContaining("too large");
    }

    @Test
    void refusesTooManyEntries() {
        assertThatThrownBy(() -> TrifactaFlowPackage.flowName(Zips.manyEntries(TrifactaFlowPackage.MAX_ENTRIES),
                "many.zip")).isInstanceOf(TrifactaApiException.class).hasMessageContaining("too large");
        assertThat(TrifactaFlowPackage.flowName(Zips.manyEntries(TrifactaFlowPackage.MAX_ENTRIES - 1), "many.zip"))
                .isEqualTo("Many");
    }
}
