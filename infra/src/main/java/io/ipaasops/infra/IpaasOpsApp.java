package io.ipaasops.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: {@code cdk synth} in {@code infra/} (or the command {@code infra/cdk.json} runs) writes the
 * CloudFormation into {@code cdk.out}, offline. Context: {@code jar} (the Lambda jar), {@code config}, and
 * {@code prismaticSecret}, {@code versoriSecret}, {@code githubSecret}, {@code webhookSecret} to import existing
 * secrets by name or ARN.
 */
public final class IpaasOpsApp {

    private IpaasOpsApp() {
    }

    /** Synthesizes the stack into {@code infra/cdk.out} (or the CDK CLI's {@code CDK_OUTDIR}). */
    public static void main(String[] args) {
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR", home().resolve("cdk.out").toString());
        App app = app(outdir);
        if (context(app, "jar", null) == null) {
            LambdaJar.requireCurrent(jar(app), LambdaJar.sources(home().resolve("..")));
        }
        IpaasOpsStack stack = build(app);
        app.synth();
        // stderr: some CDK CLI versions pass the app's stdout on to theirs, where `cdk synth` writes the template.
        System.err.println("Synthesized " + stack.getStackName() + " (" + stack.lambdas().size()
                + " functions) into " + Path.of(outdir).toAbsolutePath().normalize());
    }

    /**
     * A new app writing into {@code outdir} (a temporary folder when null), with {@code infra/cdk.json}'s context
     * as defaults, so that it builds what the CDK CLI builds; context the CLI passes still wins.
     */
    public static App app(String outdir) {
        return new App(AppProps.builder().outdir(outdir).context(CdkJson.context(home().resolve("cdk.json")))
                .build());
    }

    /** The infra folder: the working directory when run from infra/ (cdk.json), else infra/ under it. */
    static Path home() {
        return Files.isRegularFile(Path.of("ipaas-ops.json")) ? Path.of(".") : Path.of("infra");
    }

    /** Adds the stack, with cdk-nag's AWS Solutions checks, to {@code app}. */
    public static IpaasOpsStack build(App app) {
        Path home = home();
        Path jar = jar(app);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: run " + LambdaJar.BUILD + " first");
        }
        InfraConfig config = InfraConfig.read(home.resolve(context(app, "config", "ipaas-ops.json")));
        Map<String, String> secrets = new HashMap<>();
        secrets.put("prismatic", context(app, "prismaticSecret", null));
        secrets.put("versori", context(app, "versoriSecret", null));
        secrets.put("github", context(app, "githubSecret", null));
        secrets.put("webhook", context(app, "webhookSecret", null));
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        StackProps props = StackProps.builder()
                .description("ipaas-ops: Micronaut functions on AWS Lambda driving Prismatic, Versori and GitHub")
                .env(account == null ? null : Environment.builder().account(account).region(region).build())
                .build();
        IpaasOpsStack stack = new IpaasOpsStack(app, "IpaasOps", props, Code.fromAsset(jar.toString()), config,
                secrets);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /** The Lambda jar: context {@code jar}, else {@code functions/target/ipaas-ops-lambda.jar}. */
    static Path jar(App app) {
        return home().resolve(context(app, "jar", "../functions/target/ipaas-ops-lambda.jar")).normalize();
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }
}
