import Testing

@testable import AWSCore

/// The generated catalogue and its lookups: X-Amz-Target, signing name, operation presence.
@Suite struct ServiceCatalogTests {
    @Test func targetOfKnownOperationResolves() {
        #expect(
            ServiceCatalog.resolve(target: "AmazonSSM.GetParameter")
                == .known(service: ServiceCatalog.ssm, operation: "GetParameter"))
        #expect(
            ServiceCatalog.resolve(target: "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken")
                == .known(service: ServiceCatalog.ecr, operation: "GetAuthorizationToken"))
        #expect(ServiceCatalog.resolve(target: "TrentService.Encrypt")?.service?.name == "kms")
        #expect(ServiceCatalog.resolve(target: "secretsmanager.GetSecretValue")?.service?.name == "secretsmanager")
    }

    @Test func unknownOperationAndServiceAreTold() {
        #expect(
            ServiceCatalog.resolve(target: "AmazonSSM.NoSuchThing")
                == .unknownOperation(service: ServiceCatalog.ssm, operation: "NoSuchThing"))
        #expect(
            ServiceCatalog.resolve(target: "AmazonSSM.getparameter")
                == .unknownOperation(service: ServiceCatalog.ssm, operation: "getparameter"))
        #expect(ServiceCatalog.resolve(target: "DynamoDB_20120810.GetItem") == .unknownService("DynamoDB_20120810"))
    }

    @Test(arguments: ["AmazonSSM", "AmazonSSM.", ".GetParameter", ""])
    func malformedTargetIsNil(_ target: String) {
        #expect(ServiceCatalog.resolve(target: target) == nil)
    }

    @Test func queryActionsResolveBySigningName() {
        #expect(
            ServiceCatalog.resolve(signingName: "iam", operation: "CreateRole")
                == .known(service: ServiceCatalog.iam, operation: "CreateRole"))
        #expect(
            ServiceCatalog.resolve(signingName: "sts", operation: "NoSuchAction")
                == .unknownOperation(service: ServiceCatalog.sts, operation: "NoSuchAction"))
        #expect(ServiceCatalog.resolve(signingName: "lambda", operation: "Invoke") == .unknownService("lambda"))
    }

    @Test func modelsHaveTheOperationsEbauthNeeds() {
        #expect(ServiceCatalog.iam.hasOperation("CreateRole"))
        #expect(ServiceCatalog.ecr.hasOperation("GetAuthorizationToken"))
        #expect(ServiceCatalog.sts.hasOperation("GetCallerIdentity"))
        #expect(ServiceCatalog.sts.hasOperation("AssumeRole"))
        #expect(ServiceCatalog.ssm.hasOperation("GetParameter"))
        #expect(ServiceCatalog.secretsManager.hasOperation("GetSecretValue"))
        #expect(ServiceCatalog.kms.hasOperation("Decrypt"))
        #expect(ServiceCatalog.elasticBeanstalk.hasOperation("CreateEnvironment"))
        #expect(ServiceCatalog.ec2.hasOperation("DescribeInstances"))
        #expect(ServiceCatalog.s3.hasOperation("GetObject"))
        #expect(!ServiceCatalog.iam.hasOperation("GetParameter"))
    }

    @Test func signingNameDiffersFromEndpointPrefixForECR() {
        let ecr = ServiceCatalog.service(signingName: "ecr")
        #expect(ecr?.name == "ecr")
        #expect(ecr?.endpointPrefix == "api.ecr")
        #expect(ServiceCatalog.service(signingName: "api.ecr") == nil)
        #expect(ServiceCatalog.service(named: "secretsmanager")?.signingName == "secretsmanager")
    }

    @Test func protocolsAndNamespaces() {
        #expect(ServiceCatalog.ssm.protocol == .json11)
        #expect(ServiceCatalog.s3.protocol == .restXML)
        #expect(ServiceCatalog.iam.protocol == .query)
        #expect(ServiceCatalog.ec2.protocol == .ec2)
        #expect(ServiceCatalog.iam.xmlNamespace == "https://iam.amazonaws.com/doc/2010-05-08/")
        #expect(ServiceCatalog.sts.xmlNamespace == "https://sts.amazonaws.com/doc/2011-06-15/")
        #expect(
            ServiceCatalog.elasticBeanstalk.xmlNamespace == "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/")
        #expect(ServiceCatalog.s3.xmlNamespace == "http://s3.amazonaws.com/doc/2006-03-01/")
        #expect(ServiceCatalog.iam.apiVersion == "2010-05-08")
        #expect(ServiceCatalog.elasticBeanstalk.apiVersion == "2010-12-01")
    }

    @Test(arguments: ServiceCatalog.all)
    func everyServiceIsConsistent(_ service: AWSServiceDescription) {
        #expect(!service.operations.isEmpty)
        #expect(ServiceCatalog.service(named: service.name) == service)
        #expect(ServiceCatalog.service(signingName: service.signingName) == service)
        let isJSON = service.protocol == .json11
        #expect((service.targetPrefix != nil) == isJSON)
        #expect((service.xmlNamespace != nil) == !isJSON)
    }

    @Test func catalogueListsEachServiceOnce() {
        #expect(
            Set(ServiceCatalog.all.map(\.name)) == [
                "ssm", "ecr", "s3", "iam", "sts", "secretsmanager", "kms", "elasticbeanstalk", "ec2",
            ])
        #expect(ServiceCatalog.all.count == 9)
    }
}
