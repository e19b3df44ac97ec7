package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;

@Input("ProductReleaseInput")
@Description("Changes to a product release. Only the fields given are changed; the others stay as they are.")
public record ProductReleaseInput(
        @Description("A name a person recognises, 1 to 256 characters.") String name,
        @Description("The version: x.x, x.x.x or x.x.x.x, digits only (e.g. 2.5.1).") String version,
        @Description("The release channel, 1 to 256 characters, e.g. stable.") String channel,
        @Description("The platforms it is for, e.g. windows.") List<String> platforms,
        @Name("private") @Description("True hides the release from the customer portal.") Boolean isPrivate,
        @Description("Release notes in Markdown, at most 4096 characters.") String notes) {

    public boolean isEmpty() {
        return name == null && version == null && channel == null && platforms == null && isPrivate == null
                && notes == null;
    }
}
