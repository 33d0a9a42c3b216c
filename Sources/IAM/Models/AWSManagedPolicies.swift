import Foundation

/// AWS managed policies, attachable as `arn:aws:iam::aws:policy/NAME`.
///
/// Documents are public facts, copied statement for statement from the published default
/// versions (AWS Managed Policy Reference; cross-checked against the policy snapshots kept by
/// the open-source MAMIP project). Version ids and dates are those of the default version used.
struct AWSManagedPolicy: Sendable {
    var name: String
    var description: String
    var versionID: String
    /// Creation date of the default version (UTC).
    var versionDate: String
    var document: String
    var path = "/"

    var arn: String { "arn:aws:iam::aws:policy\(path)\(name)" }
}

enum AWSManagedPolicies {
    static let all: [AWSManagedPolicy] = [
        AWSManagedPolicy(
            name: "AdministratorAccess",
            description: "Provides full access to AWS services and resources.",
            versionID: "v1", versionDate: "2015-02-06T18:39:46Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonEC2ContainerRegistryReadOnly",
            description: "Provides read-only access to Amazon EC2 Container Registry repositories.",
            versionID: "v3", versionDate: "2019-12-10T20:56:32Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:GetRepositoryPolicy",
                "ecr:DescribeRepositories","ecr:ListImages","ecr:DescribeImages","ecr:BatchGetImage",
                "ecr:GetLifecyclePolicy","ecr:GetLifecyclePolicyPreview","ecr:ListTagsForResource",
                "ecr:DescribeImageScanFindings"],"Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonEC2ContainerRegistryPullOnly",
            description: "Provides access to pull images from Amazon EC2 Container Registry repositories.",
            versionID: "v1", versionDate: "2024-10-04T16:58:49Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Action":["ecr:GetAuthorizationToken","ecr:BatchGetImage",
                "ecr:GetDownloadUrlForLayer","ecr:BatchImportUpstreamImage"],"Resource":"*","Effect":"Allow"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonEC2ContainerRegistryPowerUser",
            description:
                "Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.",
            versionID: "v3", versionDate: "2019-12-10T20:48:08Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecr:GetAuthorizationToken",
                "ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:GetRepositoryPolicy",
                "ecr:DescribeRepositories","ecr:ListImages","ecr:DescribeImages","ecr:BatchGetImage",
                "ecr:GetLifecyclePolicy","ecr:GetLifecyclePolicyPreview","ecr:ListTagsForResource",
                "ecr:DescribeImageScanFindings","ecr:InitiateLayerUpload","ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload","ecr:PutImage"],"Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonEC2ContainerRegistryFullAccess",
            description: "Provides administrative access to Amazon ECR resources",
            versionID: "v3", versionDate: "2020-12-05T00:04:19Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Action":["ecr:*","cloudtrail:LookupEvents"],"Resource":"*",
                "Effect":"Allow"},{"Action":["iam:CreateServiceLinkedRole"],"Resource":"*","Effect":"Allow",
                "Condition":{"StringEquals":{"iam:AWSServiceName":["replication.ecr.amazonaws.com"]}}}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonS3ReadOnlyAccess",
            description: "Provides read only access to all buckets via the AWS Management Console.",
            versionID: "v3", versionDate: "2023-08-10T21:31:39Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*","s3:Describe*",
                "s3-object-lambda:Get*","s3-object-lambda:List*"],"Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonS3FullAccess",
            description: "Provides full access to all buckets via the AWS Management Console.",
            versionID: "v2", versionDate: "2021-09-27T20:16:37Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","s3-object-lambda:*"],
                "Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AmazonSSMReadOnlyAccess",
            description: "Provides read only access to Amazon SSM.",
            versionID: "v1", versionDate: "2015-05-29T17:44:19Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ssm:Describe*","ssm:Get*","ssm:List*"],
                "Resource":"*"}]}
                """#),
        AWSManagedPolicy(
            name: "AWSElasticBeanstalkWebTier",
            description:
                "Provide the instances in your web server environment access to upload log files to Amazon S3.",
            versionID: "v7", versionDate: "2020-09-09T19:38:36Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Sid":"BucketAccess","Action":["s3:Get*","s3:List*",
                "s3:PutObject"],"Effect":"Allow","Resource":["arn:aws:s3:::elasticbeanstalk-*",
                "arn:aws:s3:::elasticbeanstalk-*/*"]},{"Sid":"XRayAccess","Action":["xray:PutTraceSegments",
                "xray:PutTelemetryRecords","xray:GetSamplingRules","xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries"],"Effect":"Allow","Resource":"*"},{"Sid":"CloudWatchLogsAccess",
                "Action":["logs:PutLogEvents","logs:CreateLogStream","logs:DescribeLogStreams","logs:DescribeLogGroups"],
                "Effect":"Allow","Resource":["arn:aws:logs:*:*:log-group:/aws/elasticbeanstalk*"]},
                {"Sid":"ElasticBeanstalkHealthAccess","Action":["elasticbeanstalk:PutInstanceStatistics"],
                "Effect":"Allow","Resource":["arn:aws:elasticbeanstalk:*:*:application/*",
                "arn:aws:elasticbeanstalk:*:*:environment/*"]}]}
                """#),
        AWSManagedPolicy(
            name: "AWSElasticBeanstalkMulticontainerDocker",
            description:
                "Provide the instances in your multicontainer Docker environment access to use the Amazon EC2 Container Service to manage container deployment tasks.",
            versionID: "v3", versionDate: "2023-03-23T22:04:20Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Sid":"ECSAccess","Effect":"Allow","Action":["ecs:Poll",
                "ecs:StartTask","ecs:StopTask","ecs:DiscoverPollEndpoint","ecs:StartTelemetrySession",
                "ecs:RegisterContainerInstance","ecs:DeregisterContainerInstance","ecs:DescribeContainerInstances",
                "ecs:Submit*","ecs:DescribeTasks"],"Resource":"*"},{"Sid":"AllowECSTagResource","Effect":"Allow",
                "Action":["ecs:TagResource"],"Resource":"*","Condition":{"StringEquals":{"ecs:CreateAction":[
                "RegisterContainerInstance","StartTask"]}}}]}
                """#),
        // ReadOnlyAccess lists several hundred services. This is a faithful SUBSET of its one
        // statement (default version v87, 2022-05-23T20:16:18Z): the entries for the services
        // ebauth emulates or that the Beanstalk flows touch, copied as published. Actions of
        // other services that the full policy allows are not allowed here.
        AWSManagedPolicy(
            name: "ReadOnlyAccess",
            description: "Provides read-only access to AWS services and resources.",
            versionID: "v87", versionDate: "2022-05-23T20:16:18Z",
            document: #"""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudformation:Describe*",
                "cloudformation:Detect*","cloudformation:Estimate*","cloudformation:Get*","cloudformation:List*",
                "cloudtrail:Describe*","cloudtrail:Get*","cloudtrail:List*","cloudtrail:LookupEvents",
                "ec2:Describe*","ec2:Get*","ec2:ListSnapshotsInRecycleBin","ec2:SearchLocalGatewayRoutes",
                "ec2:SearchTransitGatewayRoutes","ecr-public:BatchCheckLayerAvailability","ecr-public:DescribeImages",
                "ecr-public:DescribeImageTags","ecr-public:DescribeRegistries","ecr-public:DescribeRepositories",
                "ecr-public:GetAuthorizationToken","ecr-public:GetRegistryCatalogData",
                "ecr-public:GetRepositoryCatalogData","ecr-public:GetRepositoryPolicy","ecr-public:ListTagsForResource",
                "ecr:BatchCheck*","ecr:BatchGet*","ecr:Describe*","ecr:Get*","ecr:List*","ecs:Describe*","ecs:List*",
                "elasticbeanstalk:Check*","elasticbeanstalk:Describe*","elasticbeanstalk:List*",
                "elasticbeanstalk:Request*","elasticbeanstalk:Retrieve*","elasticbeanstalk:Validate*",
                "iam:Generate*","iam:Get*","iam:List*","iam:Simulate*","kms:Describe*","kms:Get*","kms:List*",
                "logs:Describe*","logs:FilterLogEvents","logs:Get*","logs:ListTagsLogGroup","logs:StartQuery",
                "logs:StopQuery","logs:TestMetricFilter","s3-object-lambda:GetObject","s3-object-lambda:GetObjectAcl",
                "s3-object-lambda:GetObjectLegalHold","s3-object-lambda:GetObjectRetention",
                "s3-object-lambda:GetObjectTagging","s3-object-lambda:GetObjectVersion",
                "s3-object-lambda:GetObjectVersionAcl","s3-object-lambda:GetObjectVersionTagging",
                "s3-object-lambda:ListBucket","s3-object-lambda:ListBucketMultipartUploads",
                "s3-object-lambda:ListBucketVersions","s3-object-lambda:ListMultipartUploadParts","s3:DescribeJob",
                "s3:Get*","s3:List*","secretsmanager:Describe*","secretsmanager:GetResourcePolicy",
                "secretsmanager:List*","ssm:Describe*","ssm:Get*","ssm:List*","sts:GetAccessKeyInfo",
                "sts:GetCallerIdentity","sts:GetSessionToken"],"Resource":"*"}]}
                """#),
    ]

    private static let byARN = Dictionary(uniqueKeysWithValues: all.map { ($0.arn, $0) })

    static func policy(arn: String) -> AWSManagedPolicy? { byARN[arn] }

    /// The documents parsed once, by ARN: they are constants, and authorization reads them on
    /// every request of a principal they are attached to.
    static let parsed: [String: (versionID: String, document: Result<PolicyDocument, PolicyParseError>)] =
        Dictionary(
            uniqueKeysWithValues: all.map { policy in
                let document = Result { () throws(PolicyParseError) in try PolicyDocument(parsing: policy.document) }
                return (policy.arn, (policy.versionID, document))
            })

    static func isAWSManaged(_ arn: String) -> Bool { arn.hasPrefix("arn:aws:iam::aws:policy/") }
}
