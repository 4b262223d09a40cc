import type { CloudAdapter } from 'botbuilder';

// botbuilder re-exports these from botframework-connector only as values' types; name them from the adapter.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

type PipelineOwner = { client?: { pipeline?: { removePolicy(options: { phase: 'Retry' }): unknown } } };

/**
 * The same authentication, but every connector client it makes sends each request once: the Azure
 * pipeline under botbuilder retries 429 and 5xx by itself, and proactive sends must leave retries (and
 * Retry-After) to the delivery queue, so one message is never sent twice by two layers retrying.
 */
export function withSingleAttempts(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  return new Proxy(auth, {
    get(target, property) {
      if (property === 'createConnectorFactory')
        return (...args: Parameters<BotFrameworkAuthentication['createConnectorFactory']>) => {
          const factory = target.createConnectorFactory(...args);
          return {
            create: async (serviceUrl: string, audience?: string) =>
              removeRetries(await factory.create(serviceUrl, audience)),
          } as ConnectorFactory;
        };
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function removeRetries(client: ConnectorClient): ConnectorClient {
  const pipeline = (client as unknown as PipelineOwner).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder connector client has no pipeline: cannot turn its retries off');
  pipeline.removePolicy({ phase: 'Retry' });
  return client;
}
