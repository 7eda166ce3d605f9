import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateVolumeCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClientConfig } from '../../aws/types';

/** The real name of the one seeded resource of each `spec.type`. */
export type SeededNames = Record<string, string>;

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/**
 * Creates one resource of each built-in type (plus a tagged EBS volume for
 * the generic path) in the account the config acts in, all carrying `tags`.
 */
export async function seedAccount(
  config: AwsClientConfig,
  prefix: string,
  tags: Record<string, string>,
): Promise<SeededNames> {
  const names: SeededNames = {};

  const s3 = new S3Client(config);
  names['s3-bucket'] = `${prefix}-bucket`;
  await s3.send(new CreateBucketCommand({ Bucket: names['s3-bucket'] }));
  if (Object.keys(tags).length) {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: names['s3-bucket'],
        Tagging: { TagSet: tagList(tags) },
      }),
    );
  }
  // A bucket outside the configured regions, which discovery must skip.
  await s3.send(
    new CreateBucketCommand({
      Bucket: `${prefix}-bucket-eu`,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    }),
  );

  const ec2 = new EC2Client(config);
  const { Images } = await ec2.send(new DescribeImagesCommand({}));
  names['ec2-instance'] = `${prefix}-instance`;
  const ec2Tags = { ...tags, Name: names['ec2-instance'] };
  await ec2.send(
    new RunInstancesCommand({
      ImageId: Images![0].ImageId!,
      MinCount: 1,
      MaxCount: 1,
      InstanceType: 't3.micro',
      TagSpecifications: [{ ResourceType: 'instance', Tags: tagList(ec2Tags) }],
    }),
  );
  const volume = await ec2.send(
    new CreateVolumeCommand({
      AvailabilityZone: `${config.region}a`,
      Size: 1,
      TagSpecifications: [
        {
          ResourceType: 'volume',
          Tags: tagList({ ...tags, Name: `${prefix}-volume` }),
        },
      ],
    }),
  );
  names['ec2-volume'] = `${prefix}-volume`;
  names['ec2-volume-id'] = volume.VolumeId!;

  names['dynamodb-table'] = `${prefix}-table`;
  await new DynamoDBClient(config).send(
    new CreateTableCommand({
      TableName: names['dynamodb-table'],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      Tags: tagList(tags),
    }),
  );

  const role = await new IAMClient(config).send(
    new CreateRoleCommand({
      RoleName: `${prefix}-lambda-role`,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    }),
  );
  names['lambda-function'] = `${prefix}-function`;
  await new LambdaClient(config).send(
    new CreateFunctionCommand({
      FunctionName: names['lambda-function'],
      Runtime: 'nodejs20.x',
      Role: role.Role!.Arn!,
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('not really a zip') },
      Tags: tags,
    }),
  );

  names['sqs-queue'] = `${prefix}-queue`;
  await new SQSClient(config).send(
    new CreateQueueCommand({ QueueName: names['sqs-queue'], tags }),
  );

  names['sns-topic'] = `${prefix}-topic`;
  await new SNSClient(config).send(
    new CreateTopicCommand({ Name: names['sns-topic'], Tags: tagList(tags) }),
  );

  names['rds-db-instance'] = `${prefix}-db`;
  await new RDSClient(config).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: names['rds-db-instance'],
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      AllocatedStorage: 20,
      MasterUsername: 'admin1',
      MasterUserPassword: 'password123',
      Tags: tagList(tags),
    }),
  );

  const kms = new KMSClient(config);
  const key = await kms.send(
    new CreateKeyCommand({
      Description: `${prefix} key`,
      Tags: tagList(tags).map(({ Key, Value }) => ({
        TagKey: Key,
        TagValue: Value,
      })),
    }),
  );
  names['kms-key'] = `${prefix}-key`;
  await kms.send(
    new CreateAliasCommand({
      AliasName: `alias/${names['kms-key']}`,
      TargetKeyId: key.KeyMetadata!.KeyId!,
    }),
  );
  return names;
}
