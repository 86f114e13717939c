"""botocore's own assume-role provider, with the cache the AWS CLI gives it (awscli/customizations/
assumerole.py: JSONFileCache(~/.aws/cli/cache) on the 'assume-role' provider). Prints one JSON line.

argv: mode profile endpoint_url [mfa code]
  key    the file name botocore's AssumeRoleCredentialFetcher uses for the profile's role
         (its _create_cache_key), without calling anything;
  fetch  the role's credentials as the AWS CLI gets them: from the cache file when it is fresh, else
         by AssumeRole against endpoint_url (then written to the cache), and the account STS
         GetCallerIdentity names with them.
The STS client is made with endpoint_url explicitly, which every botocore version takes (Debian's
1.29 reads no endpoint_url from the config file).
"""
import json
import os
import sys

import botocore
import botocore.session
from botocore.credentials import JSONFileCache

mode, profile, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
code = sys.argv[4] if len(sys.argv) > 4 else None
session = botocore.session.Session(profile=profile)
provider = session.get_component("credential_provider").get_provider("assume-role")
provider.cache = JSONFileCache(os.path.expanduser(os.path.join("~", ".aws", "cli", "cache")))
region = session.get_config_variable("region") or "us-east-1"


def client_creator(service, **kwargs):
    kwargs.setdefault("region_name", region)
    return session.create_client(service, endpoint_url=endpoint, **kwargs)


def prompter(_prompt):
    if code is None:
        raise RuntimeError("botocore asked for an MFA code")
    return code


provider._client_creator = client_creator
provider._prompter = prompter
credentials = provider.load()
refresh = credentials._refresh_using
# A role with mfa_serial gets its fetcher wrapped (create_mfa_serial_refresher).
fetch = getattr(refresh, "_refresh", refresh)
key = fetch.__self__._cache_key
if mode == "key":
    print(json.dumps({"botocore": botocore.__version__, "key": key}))
    sys.exit(0)

frozen = credentials.get_frozen_credentials()
sts = session.create_client(
    "sts",
    region_name=region,
    endpoint_url=endpoint,
    aws_access_key_id=frozen.access_key,
    aws_secret_access_key=frozen.secret_key,
    aws_session_token=frozen.token,
)
identity = sts.get_caller_identity()
print(
    json.dumps(
        {
            "botocore": botocore.__version__,
            "key": key,
            "accessKeyId": frozen.access_key,
            "account": identity["Account"],
        }
    )
)
