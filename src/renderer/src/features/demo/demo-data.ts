/**
 * Word lists for realistic demo customers. Names follow the frequency of common Chinese
 * surnames; places carry their real telephone area codes and postal code prefixes so that
 * generated landlines and addresses pass the same validation as typed ones.
 */

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单';
/** Two-character surnames, used now and then. */
export const DOUBLE_SURNAMES = ['欧阳', '司马', '上官', '诸葛'] as const;

export const GIVEN_CHARS =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕晨辉鹏飞建国志宏海波宁浩宇欣怡子涵梓轩雨桐思远嘉琪佳慧文博晓东俊杰新春秋雪梅琳婷婕颖瑞琦晗哲睿诚毅康泽昊然';

export interface Place {
  province: string;
  city: string;
  districts: readonly string[];
  /** First four digits of the administrative division code (GB/T 2260). */
  admin: string;
  areaCode: string;
  postal: string;
  region: string;
}

export const PLACES: readonly Place[] = [
  { province: '北京市', city: '北京市', districts: ['朝阳区', '海淀区', '东城区', '丰台区', '通州区'], admin: '1101', areaCode: '010', postal: '100', region: '华北' },
  { province: '上海市', city: '上海市', districts: ['浦东新区', '徐汇区', '静安区', '闵行区', '嘉定区'], admin: '3101', areaCode: '021', postal: '200', region: '华东' },
  { province: '天津市', city: '天津市', districts: ['和平区', '河西区', '南开区', '滨海新区'], admin: '1201', areaCode: '022', postal: '300', region: '华北' },
  { province: '重庆市', city: '重庆市', districts: ['渝中区', '江北区', '南岸区', '九龙坡区'], admin: '5001', areaCode: '023', postal: '400', region: '西南' },
  { province: '广东省', city: '广州市', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'], admin: '4401', areaCode: '020', postal: '510', region: '华南' },
  { province: '广东省', city: '深圳市', districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区'], admin: '4403', areaCode: '0755', postal: '518', region: '华南' },
  { province: '广东省', city: '佛山市', districts: ['禅城区', '南海区', '顺德区'], admin: '4406', areaCode: '0757', postal: '528', region: '华南' },
  { province: '江苏省', city: '南京市', districts: ['玄武区', '鼓楼区', '建邺区', '江宁区'], admin: '3201', areaCode: '025', postal: '210', region: '华东' },
  { province: '江苏省', city: '苏州市', districts: ['姑苏区', '工业园区', '吴中区', '昆山市'], admin: '3205', areaCode: '0512', postal: '215', region: '华东' },
  { province: '浙江省', city: '杭州市', districts: ['西湖区', '上城区', '滨江区', '余杭区', '萧山区'], admin: '3301', areaCode: '0571', postal: '310', region: '华东' },
  { province: '浙江省', city: '宁波市', districts: ['海曙区', '鄞州区', '北仑区'], admin: '3302', areaCode: '0574', postal: '315', region: '华东' },
  { province: '山东省', city: '济南市', districts: ['历下区', '市中区', '槐荫区'], admin: '3701', areaCode: '0531', postal: '250', region: '华东' },
  { province: '山东省', city: '青岛市', districts: ['市南区', '市北区', '黄岛区', '崂山区'], admin: '3702', areaCode: '0532', postal: '266', region: '华东' },
  { province: '湖北省', city: '武汉市', districts: ['江汉区', '武昌区', '洪山区', '汉阳区'], admin: '4201', areaCode: '027', postal: '430', region: '华中' },
  { province: '湖南省', city: '长沙市', districts: ['岳麓区', '芙蓉区', '天心区', '雨花区'], admin: '4301', areaCode: '0731', postal: '410', region: '华中' },
  { province: '河南省', city: '郑州市', districts: ['金水区', '二七区', '中原区', '管城回族区'], admin: '4101', areaCode: '0371', postal: '450', region: '华中' },
  { province: '四川省', city: '成都市', districts: ['锦江区', '武侯区', '青羊区', '高新区', '成华区'], admin: '5101', areaCode: '028', postal: '610', region: '西南' },
  { province: '陕西省', city: '西安市', districts: ['雁塔区', '碑林区', '未央区', '长安区'], admin: '6101', areaCode: '029', postal: '710', region: '西北' },
  { province: '辽宁省', city: '沈阳市', districts: ['和平区', '沈河区', '皇姑区', '铁西区'], admin: '2101', areaCode: '024', postal: '110', region: '东北' },
  { province: '黑龙江省', city: '哈尔滨市', districts: ['南岗区', '道里区', '香坊区'], admin: '2301', areaCode: '0451', postal: '150', region: '东北' },
  { province: '福建省', city: '厦门市', districts: ['思明区', '湖里区', '集美区'], admin: '3502', areaCode: '0592', postal: '361', region: '华东' },
  { province: '云南省', city: '昆明市', districts: ['五华区', '盘龙区', '官渡区'], admin: '5301', areaCode: '0871', postal: '650', region: '西南' },
];

export const ROADS = '人民路 解放路 中山路 建设路 和平路 新华路 长江路 黄河路 文化路 科技路 创业大道 滨江大道 工业园路 迎宾大道 学府路 环城东路 光明街 胜利街 南京路 青年路'.split(' ');
export const BUILDINGS = '大厦 广场 中心 商务楼 科技园 写字楼 工业园'.split(' ');

export const TRADE_NAMES = '华通 恒达 鑫源 宏图 天成 金桥 瑞丰 联创 中科 博远 安泰 永盛 百川 海纳 嘉禾 东方 新锐 长城 正泰 华美 世纪 汇丰 众诚 锦程 信达 盛世 凯越 致远 润泽 鼎盛 启明 广源 方正 蓝天 银河 汇通 诚信 明德 和顺 同舟'.split(' ');

export const INDUSTRY_WORDS: readonly { word: string; industry: string }[] = [
  { word: '科技', industry: '信息技术' },
  { word: '信息技术', industry: '信息技术' },
  { word: '软件', industry: '信息技术' },
  { word: '贸易', industry: '批发零售' },
  { word: '商贸', industry: '批发零售' },
  { word: '电器', industry: '批发零售' },
  { word: '机械', industry: '制造业' },
  { word: '电子', industry: '制造业' },
  { word: '精密制造', industry: '制造业' },
  { word: '建材', industry: '建筑工程' },
  { word: '建筑工程', industry: '建筑工程' },
  { word: '装饰工程', industry: '建筑工程' },
  { word: '食品', industry: '餐饮食品' },
  { word: '餐饮管理', industry: '餐饮食品' },
  { word: '物流', industry: '物流运输' },
  { word: '供应链', industry: '物流运输' },
  { word: '医药', industry: '医疗健康' },
  { word: '医疗器械', industry: '医疗健康' },
  { word: '教育咨询', industry: '教育培训' },
  { word: '置业', industry: '房地产' },
  { word: '物业管理', industry: '房地产' },
  { word: '酒店管理', industry: '酒店旅游' },
  { word: '农业发展', industry: '农林牧渔' },
];

export const LEGAL_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'] as const;
export const INDIVIDUAL_INDUSTRY = '家庭用户';

export const TITLES = ['总经理', '副总经理', '采购经理', '采购专员', '财务主管', '行政主管', '设备科长', '办公室主任', '董事长'];
export const RELATIONS = ['配偶', '父亲', '母亲', '子女', '兄弟', '姐妹', '朋友'];
export const TAGS = ['重点客户', 'VIP', '老客户', '潜在大单', '需回访', '价格敏感', '转介绍', '展会获客', '政府采购', '以旧换新'];
export const SOURCES = ['展会', '转介绍', '官网', '电话营销', '上门拜访', '老客户', '门店'];
export const RETIRE_REASONS = ['客户注销', '合同终止且无续约', '迁出服务区域', '重复建档已合并', '长期无联系'];
export const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '158', '159', '166', '176', '177', '180', '181', '186', '187', '188', '189', '191', '199'];

export const STAFF: readonly { key: string; name: string; team: string }[] = [
  { key: 'rep-li-na', name: '李娜', team: 'east' },
  { key: 'rep-wang-qiang', name: '王强', team: 'east' },
  { key: 'rep-zhang-min', name: '张敏', team: 'east' },
  { key: 'rep-liu-yang', name: '刘洋', team: 'south' },
  { key: 'rep-chen-jing', name: '陈静', team: 'south' },
  { key: 'rep-yang-fan', name: '杨帆', team: 'south' },
  { key: 'rep-zhao-lei', name: '赵磊', team: 'north' },
  { key: 'rep-huang-li', name: '黄丽', team: 'north' },
  { key: 'rep-zhou-tao', name: '周涛', team: 'west' },
  { key: 'rep-wu-xia', name: '吴霞', team: 'west' },
  { key: 'clerk-sun-yan', name: '孙燕', team: 'office' },
];
